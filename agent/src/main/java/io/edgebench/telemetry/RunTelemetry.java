package io.edgebench.telemetry;

import io.edgebench.results.EnergyReport;
import io.edgebench.results.TelemetrySummary;

/**
 * Telemetry around one benchmark, driven by bench.BenchRunner: {@link #begin()} before the worker starts (idle
 * baseline, sampling starts), {@link #end} once the worker reported its timed window. Times are System.nanoTime(),
 * which on Linux is CLOCK_MONOTONIC and so comparable between the daemon and its worker process.
 */
public interface RunTelemetry extends AutoCloseable {

    /** Takes the idle baseline and starts sampling. */
    void begin();

    /**
     * Stops sampling and summarises the window [windowStartNanos, windowEndNanos] in which {@code inferences} timed
     * runs happened.
     */
    TelemetrySummary end(long windowStartNanos, long windowEndNanos, long inferences);

    /**
     * Waits, bounded, until the hottest temperature sensor is at or below {@code targetC}; called before
     * {@link #begin()}. The default reads this machine's thermal zones; sampled telemetry reads its own sensors.
     */
    default Cooldown.Result cooldown(double targetC, java.time.Duration max) {
        return Cooldown.waitUntil(targetC, max);
    }

    /**
     * Energy per inference so far, with its uncertainty: the window [windowStartNanos, now] in which
     * {@code inferences} runs finished. For --energy-accuracy; null when not measurable (telemetry off, no power).
     */
    default EnergyReport energySoFar(long windowStartNanos, long inferences) {
        return null;
    }

    /** Stops sampling if still running; idempotent. */
    @Override
    void close();

    /** Telemetry off: begin/end do nothing and end returns null. */
    RunTelemetry OFF = new RunTelemetry() {
        @Override
        public void begin() {}

        @Override
        public TelemetrySummary end(long windowStartNanos, long windowEndNanos, long inferences) {
            return null;
        }

        @Override
        public void close() {}
    };
}

package io.edgebench.telemetry;

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

package io.edgebench.telemetry;

import io.edgebench.config.DeviceProfile;
import io.edgebench.results.EnergyReport;
import io.edgebench.results.TelemetrySummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link RunTelemetry} backed by a {@link Sampler}: begin() starts sampling and blocks for the idle baseline (end()
 * takes a second one after the run, for the idle drift),
 * end() stops sampling and summarises the timed window. Owns its sensors: close() releases them.
 */
public final class SampledRunTelemetry implements RunTelemetry {
    public static final Duration DEFAULT_BASELINE = Duration.ofSeconds(1);
    private static final Duration COOLDOWN_POLL = Duration.ofSeconds(1);
    /** 200k samples x a few channels: a few MB per collector at most, ~67 min at 50 Hz before decimation. */
    static final int MAX_SAMPLES_PER_SERIES = 200_000;

    private final SensorSet sensors;
    private final DeviceProfile profile;
    private final double sampleHz;
    private final Duration baseline;
    private Sampler sampler;
    private long baselineStartNanos;
    private long baselineEndNanos;

    /**
     * @param profile for thermal limits and the preferred power source; may be null
     * @param baseline idle sampling before the run, for power_w.idle and the net-of-idle energy
     */
    public SampledRunTelemetry(SensorSet sensors, DeviceProfile profile, double sampleHz, Duration baseline) {
        if (!(sampleHz > 0 && sampleHz <= 1000)) {
            throw new IllegalArgumentException(
                    "sample_hz [" + sampleHz + "] must be >0..1000 (0 means telemetry off:" + " use RunTelemetry.OFF)");
        }
        if (baseline.isNegative()) {
            throw new IllegalArgumentException("baseline [" + baseline + "] must not be negative");
        }
        this.sensors = sensors;
        this.profile = profile;
        this.sampleHz = sampleHz;
        this.baseline = baseline;
    }

    public SensorSet sensors() {
        return sensors;
    }

    /**
     * Waits on this run's own temperature sensors (a fixture tree in tests), before sampling starts. Only stateless
     * sources are read: a read of get_throttled or /proc/stat here would move their "since the previous read" origin.
     */
    @Override
    public Cooldown.Result cooldown(double targetC, Duration max) {
        List<Collector> temps = sensors.collectors().stream()
                .filter(c -> List.of("thermal", "hwmon", "apex").contains(c.source()))
                .filter(c -> c.channels().stream().anyMatch(ch -> ch.quantity() == Quantity.TEMP_C))
                .toList();
        return Cooldown.waitUntil(temps, targetC, max, COOLDOWN_POLL);
    }

    @Override
    public synchronized void begin() {
        if (sampler != null) {
            throw new IllegalStateException("SampledRunTelemetry.begin() called twice; use one instance per run");
        }
        sampler = new Sampler(sensors.collectors(), sampleHz, MAX_SAMPLES_PER_SERIES);
        baselineStartNanos = System.nanoTime();
        sampler.start();
        long until = baselineStartNanos + baseline().toNanos();
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left); // the idle baseline: nothing else may run yet
        }
        baselineEndNanos = System.nanoTime();
    }

    /** The configured baseline, or longer when a slow source (a 1 Hz plug) needs more to hold a few readings. */
    Duration baseline() {
        Duration d = baseline;
        for (Collector c : sensors.collectors()) {
            if (c instanceof PushSource p && p.minBaseline().compareTo(d) > 0) {
                d = p.minBaseline();
            }
        }
        return d;
    }

    @Override
    public EnergyReport energySoFar(long windowStartNanos, long inferences) {
        Sampler s;
        synchronized (this) {
            s = sampler;
        }
        if (s == null) {
            return null;
        }
        long now = System.nanoTime();
        return s.onSamplerThread(
                () -> SummaryCalculator.live(
                        s, profile, sampleHz, baselineStartNanos, baselineEndNanos, windowStartNanos, now, inferences),
                2_000);
    }

    @Override
    public synchronized TelemetrySummary end(long windowStartNanos, long windowEndNanos, long inferences) {
        if (sampler == null) {
            throw new IllegalStateException("SampledRunTelemetry.end() called before begin()");
        }
        // The idle baseline again, now that the worker has exited: the idle power may have drifted during the run
        // (a board warming up draws more), and the net-of-idle energy's interval includes that drift.
        long afterStart = System.nanoTime();
        long until = afterStart + baseline().toNanos();
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        long afterEnd = System.nanoTime();
        sampler.stop();
        return SummaryCalculator.summarize(
                sampler,
                profile,
                sampleHz,
                baselineStartNanos,
                baselineEndNanos,
                windowStartNanos,
                windowEndNanos,
                afterStart,
                afterEnd,
                inferences,
                sensors.absent());
    }

    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.stop();
        }
        sensors.close();
    }
}

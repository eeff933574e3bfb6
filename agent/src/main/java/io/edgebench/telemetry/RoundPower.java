package io.edgebench.telemetry;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.SystemRoots;
import io.edgebench.results.PowerAccuracy;
import java.util.List;

/**
 * Board power sampled while compare's interleaved rounds run, so each lane's round gets its own energy: the sources
 * with a power or energy channel are sampled on the one sampler thread at {@link #SAMPLE_HZ} (each at most at its own
 * rate), and after {@link #stop()} the board's source is chosen as bench chooses it (the profile's power_source, then
 * {@link DeviceProfile#POWER_SOURCES}). Times on both sides are System.nanoTime(): the sampler stamps its reads with
 * it, and the workers' round windows (BenchResult.TimedWindow) are System.nanoTime() of another JVM on this machine;
 * HotSpot on Linux reads CLOCK_MONOTONIC for it, one clock for every process since boot, so the two line up.
 */
public final class RoundPower implements AutoCloseable {
    /** Sampling rate asked for, as bench's default sample_hz; each source is read at most at its own max rate. */
    public static final double SAMPLE_HZ = 50;
    /**
     * A counter's window is resolvable when its step is at most this share of the window's energy (the step's
     * quantisation is then below a percent of the energy per inference).
     */
    static final double MAX_COUNTER_STEP_SHARE = 0.01;

    private final SensorSet sensors;
    private final DeviceProfile profile;
    private final Sampler sampler;
    private final double rateHz;
    private SummaryCalculator.Power power;

    /** The source as sampled: its name, readings per second, whether it is a counter, its accuracy class. */
    public record Source(String name, double rateHz, boolean counter, double counterStepMj, PowerAccuracy accuracy) {}

    /**
     * One round's window: energy in mJ (power integrated with linear interpolation at both edges, or the counter's
     * difference), the readings strictly inside it, and whether that resolves it.
     */
    public record Window(double energyMj, int readings, boolean resolvable) {}

    private RoundPower(SensorSet sensors, DeviceProfile profile, List<Collector> power) {
        this.sensors = sensors;
        this.profile = profile;
        this.rateHz = Math.min(
                SAMPLE_HZ,
                power.stream().mapToDouble(Collector::maxRateHz).min().orElse(SAMPLE_HZ));
        this.sampler = new Sampler(power, SAMPLE_HZ, SampledRunTelemetry.MAX_SAMPLES_PER_SERIES);
    }

    /**
     * Starts sampling the power sources among {@code sensors}; null (and the sensors closed) when there is none: then
     * nothing is sampled. Owns {@code sensors} otherwise.
     */
    public static RoundPower start(SensorSet sensors, DeviceProfile profile) {
        List<Collector> power = sensors.collectors().stream()
                .filter(c -> c.channels().stream()
                        .anyMatch(ch -> ch.quantity() == Quantity.POWER_W || ch.quantity() == Quantity.ENERGY_MJ))
                .toList();
        if (power.isEmpty()) {
            sensors.close();
            return null;
        }
        RoundPower p = new RoundPower(sensors, profile, power);
        p.sampler.start();
        return p;
    }

    /** This machine's power sources as `edgebench sensors` finds them with the profile and plug of {@code host}. */
    public static RoundPower forHost(HostPower host) {
        return forHost(host, SystemRoots.host());
    }

    /** As above, with the sensors under {@code roots} (a fixture board). */
    public static RoundPower forHost(HostPower host, SystemRoots roots) {
        DeviceProfile profile = host.profile();
        return start(TelemetryFactory.discover(profile, roots, CommandRunner.PROCESS, host.links()), profile);
    }

    /** The sources sampled, e.g. "ina2xx, hwmon". */
    public String sources() {
        return String.join(
                ", ", sampler.collectors().stream().map(Collector::source).toList());
    }

    /** The nominal rate the source is read at (before {@link #stop()}: what rounds can plan for). */
    public double nominalRateHz() {
        return rateHz;
    }

    /** Stops sampling and chooses the board's source; null when none produced readings. Idempotent. */
    public synchronized Source stop() {
        sampler.stop();
        if (power == null) {
            power = SummaryCalculator.power(sampler, profile);
        }
        if (power == null) {
            return null;
        }
        Track t = power.energy() != null ? power.energy() : power.power();
        double observed = t.t.length < 2 ? rateHz : (t.t.length - 1) / ((t.t[t.t.length - 1] - t.t[0]) * 1e-9);
        Collector c = power.collector();
        return new Source(
                power.source(),
                Math.min(rateHz, observed),
                power.energy() != null,
                c.energyResolutionMj(),
                c.powerAccuracy());
    }

    /** The window [startNs, endNs] of the source chosen by {@link #stop()}, which must have found one. */
    public synchronized Window window(long startNs, long endNs) {
        if (power == null) {
            throw new IllegalStateException("RoundPower.window() before stop() found a power source");
        }
        return window(
                power.energy() != null ? power.energy() : power.power(),
                power.energy() != null,
                power.collector().energyResolutionMj(),
                startNs,
                endNs);
    }

    /**
     * The attribution itself: for a power track the trapezoid integral with linear interpolation at both edges
     * (resolvable with at least {@link EnergyEstimator#MIN_READINGS} readings inside; each source is read no faster
     * than it refreshes, Collector#maxRateHz), for a counter the difference
     * of its values interpolated at the edges (resolvable when its step is small against the energy).
     */
    static Window window(Track track, boolean counter, double counterStepMj, long startNs, long endNs) {
        int readings = track.countIn(startNs, endNs);
        boolean covered = track.covers(startNs, endNs);
        if (counter) {
            double mj = track.at(endNs) - track.at(startNs);
            return new Window(mj, readings, covered && mj > 0 && counterStepMj <= MAX_COUNTER_STEP_SHARE * mj);
        }
        double mj = track.integral(startNs, endNs) * 1e-6; // W*ns = 1e-9 J = 1e-6 mJ
        return new Window(mj, readings, covered && mj > 0 && readings >= EnergyEstimator.MIN_READINGS);
    }

    /** Readings a power window needs inside it. */
    public static int minReadings() {
        return EnergyEstimator.MIN_READINGS;
    }

    @Override
    public void close() {
        sampler.stop();
        sensors.close();
    }
}

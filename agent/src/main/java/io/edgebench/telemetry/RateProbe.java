package io.edgebench.telemetry;

import io.edgebench.config.DeviceProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * The highest rate a power source sustains, measured now: back-to-back reads for a short budget (how fast the read
 * path is: I2C transactions, a sysfs pread, a vcgencmd process), the source's own data rate where it reports one (an
 * INA2xx's conversions, polled on its ready flag), and the sampler's cap for the source. A plug's rate is the rate its
 * messages arrived at. For `edgebench sensors`: energy on short inferences needs hundreds of samples a second.
 */
public final class RateProbe {
    public static final Duration BUDGET = Duration.ofMillis(250);
    static final int MAX_READS = 20_000;

    /**
     * @param sustainedHz the rate the sampler can actually get new values at: min(reads/s, data rate, cap)
     * @param readsPerS back-to-back reads per second (NaN for a plug)
     * @param limit what sets sustainedHz, in words
     */
    public record Result(String source, Double sustainedHz, Double readsPerS, String limit) {
        public String describe() {
            return String.format(Locale.ROOT, "%s Hz (%s)", sustainedHz == null ? "?" : hz(sustainedHz), limit);
        }
    }

    private RateProbe() {}

    /** True for the sources that measure board power (the energy figures' candidates). */
    public static boolean isPowerSource(Collector c) {
        return DeviceProfile.POWER_SOURCES.contains(c.source())
                && c.channels().stream()
                        .anyMatch(ch -> ch.quantity() == Quantity.POWER_W || ch.quantity() == Quantity.ENERGY_MJ);
    }

    public static Result measure(Collector c, Duration budget) throws IOException {
        if (c instanceof PushSource p) {
            double hz = p.observedRateHz();
            return new Result(
                    c.source(),
                    Double.isNaN(hz) ? null : hz,
                    null,
                    Double.isNaN(hz)
                            ? "messages so far too few to tell; the plug sets the rate"
                            : "observed message rate; the plug sets it (docs/telemetry.md)");
        }
        double[] row = new double[c.channels().size()];
        // a source capped at a few Hz (a vcgencmd process per read) gets a few reads, not a burst of processes
        int maxReads = c.maxRateHz() < 10 ? 3 : MAX_READS;
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        int reads = 0;
        long now = start;
        while (reads < maxReads && now < end) {
            c.read(row);
            reads++;
            now = System.nanoTime();
        }
        double readsPerS = reads / Math.max(1e-9, (now - start) * 1e-9);
        DataRate data = c.measureDataRate(budget);
        double sustained = Math.min(readsPerS, c.maxRateHz());
        String limit = readsPerS <= c.maxRateHz()
                ? "reads: " + hz(readsPerS) + "/s back to back"
                : "the sampler's cap for " + c.source() + "; reads " + hz(readsPerS) + "/s";
        if (data != null && data.hz() <= sustained) {
            sustained = data.hz();
            limit = data.why() + ", measured " + hz(data.hz()) + "/s; reads " + hz(readsPerS) + "/s";
        }
        return new Result(c.source(), sustained, readsPerS, limit);
    }

    static String hz(double v) {
        return Double.isNaN(v)
                ? "?"
                : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}

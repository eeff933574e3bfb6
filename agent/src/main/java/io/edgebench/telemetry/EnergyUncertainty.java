package io.edgebench.telemetry;

import io.edgebench.stats.StudentT;

/**
 * The 95 % uncertainty of an energy integrated from power samples, in the manner of the GUM (standard uncertainties
 * added in quadrature, a Student t coverage factor on the Welch-Satterthwaite degrees of freedom). Three parts:
 * <ul>
 *   <li>sampling: how much the power moves between samples that a trapezoid cannot see, estimated from the data
 *       themselves as the residual of each sample against the line through its neighbours (for white noise of
 *       standard deviation s that residual has variance 1.5 s^2); it shrinks as 1/sqrt(samples);
 *   <li>resolution: the source's power step r, taken as fully correlated over the run (a constant load read by a
 *       1 W plug is off by the same fraction every second), so T * r / sqrt(12) whatever the length;
 *   <li>timing: a common offset of the power trace against the window clock (plug timestamps, delivery delay, the
 *       interval a reading averages over) moves the energy by offset * (P(end) - P(start)).
 * </ul>
 * A counter source (RAPL, hwmon energy) uses its counter's step instead: two readings, r / sqrt(6).
 */
public final class EnergyUncertainty {
    public static final double CONFIDENCE_PCT = 95;

    /** A standard uncertainty with its degrees of freedom (infinite for type-B parts). */
    public record Part(double u, double dof) {
        public static final Part ZERO = new Part(0, Double.POSITIVE_INFINITY);
    }

    private EnergyUncertainty() {}

    /** t(0.975, dof): the normal quantile for infinite dof, dof below 1 counted as 1. */
    public static double coverage(double dof) {
        return Double.isInfinite(dof) ? StudentT.normalQuantile(0.975) : StudentT.quantile(0.975, Math.max(1, dof));
    }

    /**
     * Sampling part over [a, b] in mJ: residual spread of the samples of {@code p} (W) and their count inside the
     * window; dof = residuals - 1. Zero with no residual (fewer than three samples near the window).
     */
    static Part sampling(Track p, long a, long b) {
        double sumSq = 0;
        int m = 0;
        int inside = 0;
        for (int i = 1; i < p.t.length - 1; i++) {
            if (p.t[i] <= a || p.t[i] >= b) {
                continue;
            }
            inside++;
            long span = p.t[i + 1] - p.t[i - 1];
            if (span <= 0) {
                continue;
            }
            double line = (p.v[i - 1] * (p.t[i + 1] - p.t[i]) + p.v[i + 1] * (p.t[i] - p.t[i - 1])) / span;
            double e = p.v[i] - line;
            sumSq += e * e;
            m++;
        }
        if (m < 2) {
            return new Part(0, 1);
        }
        double sigmaW = Math.sqrt(sumSq / m / 1.5);
        double windowS = (b - a) * 1e-9;
        return new Part(sigmaW * windowS / Math.sqrt(Math.max(1, inside)) * 1e3, m - 1);
    }

    /** Resolution part in mJ for a power source with step {@code resolutionW} over {@code windowS}. */
    static Part resolution(double resolutionW, double windowS) {
        return new Part(resolutionW * windowS / Math.sqrt(12) * 1e3, Double.POSITIVE_INFINITY);
    }

    /** Timing part in mJ: a common offset of standard uncertainty {@code offsetS} against the window. */
    static Part timing(Track p, long a, long b, double offsetS) {
        return new Part(Math.abs(p.at(b) - p.at(a)) * offsetS * 1e3, Double.POSITIVE_INFINITY);
    }

    /** Combined standard uncertainty and its 95 % expanded uncertainty. */
    public record Combined(double u, double dof, double expanded) {}

    public static Combined combine(Part... parts) {
        double var = 0;
        double wsDen = 0;
        for (Part p : parts) {
            var += p.u() * p.u();
            if (Double.isFinite(p.dof()) && p.u() > 0) {
                wsDen += Math.pow(p.u(), 4) / p.dof();
            }
        }
        double u = Math.sqrt(var);
        double dof = wsDen == 0 ? Double.POSITIVE_INFINITY : Math.pow(u, 4) / wsDen;
        return new Combined(u, dof, coverage(dof) * u);
    }
}

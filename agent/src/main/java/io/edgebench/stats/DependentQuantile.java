package io.edgebench.stats;

import java.util.Locale;

/**
 * A quantile's interval that holds when consecutive runs are not independent (a warm cache, a frequency step, a
 * noisy neighbour: runs come in streaks). The order-statistics interval ({@link OrderStatistics}) counts samples
 * below the quantile as Binomial(n, q), which assumes independence; with lag-1 autocorrelation 0.9 it covers the
 * true median in about 44 % of runs instead of 95 %. Here the count's variance is measured instead of assumed: the
 * runs, in time order, are cut into {@link #BATCHES} batches, and the batch means of the indicator "run <= the
 * estimate" give its variance inflation (the method of batch means: Schmeiser, "Batch size effects in the analysis
 * of simulation output", Operations Research 30(3), 1982; for quantiles, Heidelberger and Lewis 1984). The binomial
 * ranks are then taken for the effective size n / inflation, at a level raised so that the estimated variance's
 * own uncertainty (Student t with BATCHES - 1 degrees of freedom) is paid for, and mapped back onto the n sorted
 * samples. With no inflation measured it is the plain order-statistics interval.
 */
public final class DependentQuantile {
    /** Batches for the variance: 20 keeps 19 degrees of freedom while each batch spans many correlation lengths. */
    static final int BATCHES = 20;
    /** Below this many runs per batch the batch means say little: the plain interval is used. */
    static final int MIN_BATCH = 10;

    private DependentQuantile() {}

    /**
     * The interval for the q-quantile, in microseconds, of the first n runs: {@code timeOrdered} in the order they
     * ran and {@code sorted} the same values ascending (nanoseconds). Null when n is too small for any interval.
     */
    public static ConfidenceInterval quantileUs(long[] timeOrdered, long[] sorted, int n, double q, double level) {
        ConfidenceInterval plain = OrderStatistics.quantileUs(sorted, n, q, level);
        if (plain == null || n < BATCHES * MIN_BATCH) {
            return plain;
        }
        long estimate = sorted[(int) Resolution.rank(n, q * 100) - 1];
        double inflation = inflation(timeOrdered, n, estimate, q);
        if (inflation <= 1) {
            return plain;
        }
        int effective = (int) Math.max(1, Math.floor(n / inflation));
        double z = StudentT.quantile((1 + level) / 2, BATCHES - 1);
        double raised = 1 - StudentT.erfc(z / Math.sqrt(2));
        int[] r = OrderStatistics.ranks(effective, q, raised);
        if (r == null) {
            return new ConfidenceInterval(
                    sorted[0] / 1e3,
                    sorted[n - 1] / 1e3,
                    level,
                    String.format(
                            Locale.ROOT,
                            "all %d runs: too few independent ones for an interval (variance inflation %.1f)",
                            n,
                            inflation));
        }
        int low = (int) Math.max(1, Math.floor((double) r[0] * n / effective));
        int high = (int) Math.min(n, Math.ceil((double) r[1] * n / effective));
        String method = String.format(
                Locale.ROOT,
                "order statistics, ranks %d..%d of %d, widened for dependent runs:"
                        + " variance inflation %.1f from %d batch means, effective n %d",
                low,
                high,
                n,
                inflation,
                BATCHES,
                effective);
        return new ConfidenceInterval(sorted[low - 1] / 1e3, sorted[high - 1] / 1e3, level, method);
    }

    /** batch size x variance of the batch means of 1{x <= estimate}, over the binomial q(1-q). */
    static double inflation(long[] timeOrdered, int n, long estimate, double q) {
        int size = n / BATCHES;
        double[] means = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            int below = 0;
            for (int i = b * size; i < (b + 1) * size; i++) {
                below += timeOrdered[i] <= estimate ? 1 : 0;
            }
            means[b] = (double) below / size;
        }
        double sd = ProcessLevel.sd(means);
        return size * sd * sd / (q * (1 - q));
    }
}

package io.edgebench.stats;

import java.util.Locale;

/**
 * Distribution-free confidence intervals for a quantile from order statistics: the number of samples below the
 * true q-quantile is Binomial(n, q), so the interval between the l-th and u-th smallest samples covers it with
 * probability F(u-1) - F(l-1), whatever the latency distribution (Conover, Practical Nonparametric Statistics, 3rd
 * ed., section 3.2; Hahn and Meeker, Statistical Intervals, ch. 5). No bootstrap, no normality assumption.
 */
public final class OrderStatistics {
    private OrderStatistics() {}

    /**
     * The 1-based ranks {l, u} of the equal-tailed interval: l is the largest rank with P(B <= l-1) <= alpha/2, u
     * the smallest with P(B <= u-1) >= 1 - alpha/2, B ~ Binomial(n, q). Null when n is too small for any interval
     * at this level (e.g. fewer than 6 samples for the median at 95 %).
     */
    public static int[] ranks(int n, double q, double level) {
        if (n < 1 || !(q > 0 && q < 1) || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("ranks(n [" + n + "], q [" + q + "], level [" + level
                    + "]): expected n >= 1 and q, level in (0, 1)");
        }
        double alpha = 1 - level;
        double[] cdf = binomialCdf(n, q);
        int l = 0;
        while (l + 1 <= n && cdf[l] <= alpha / 2) { // cdf[k] = P(B <= k); rank l+1 needs P(B <= l) <= alpha/2
            l++;
        }
        int u = 1;
        while (u <= n && cdf[u - 1] < 1 - alpha / 2) {
            u++;
        }
        if (l < 1 || u > n) {
            return null;
        }
        return new int[] {l, u};
    }

    /** The interval for the q-quantile of {@code sorted} (ascending, first n entries, nanoseconds) in microseconds. */
    public static ConfidenceInterval quantileUs(long[] sorted, int n, double q, double level) {
        int[] r = ranks(n, q, level);
        if (r == null) {
            return null;
        }
        String method = String.format(Locale.ROOT, "order statistics (binomial), ranks %d..%d of %d", r[0], r[1], n);
        return new ConfidenceInterval(sorted[r[0] - 1] / 1e3, sorted[r[1] - 1] / 1e3, level, method);
    }

    /** P(B <= k) for k = 0..n, computed in log space so n = 100000 neither underflows nor overflows. */
    static double[] binomialCdf(int n, double q) {
        double[] logPmf = new double[n + 1];
        logPmf[0] = n * Math.log1p(-q);
        double logOdds = Math.log(q) - Math.log1p(-q);
        double max = logPmf[0];
        for (int k = 0; k < n; k++) {
            logPmf[k + 1] = logPmf[k] + Math.log((double) (n - k) / (k + 1)) + logOdds;
            max = Math.max(max, logPmf[k + 1]);
        }
        double total = 0;
        double[] cdf = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            total += Math.exp(logPmf[k] - max);
            cdf[k] = total;
        }
        for (int k = 0; k <= n; k++) {
            cdf[k] /= total;
        }
        return cdf;
    }
}

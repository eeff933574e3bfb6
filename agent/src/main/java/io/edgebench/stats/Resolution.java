package io.edgebench.stats;

/**
 * The resolution rule for tail percentiles: a percentile is reported only when at least {@link #MIN_BEYOND}
 * samples lie beyond it, so that it is an estimate and not just the largest few samples (the p99.9 of 172 runs
 * would be the maximum). In the spirit of MLPerf's minimum query counts for tail latency: an upper percentile
 * needs about 10 / (1 - p) samples before it says more than "the largest few".
 */
public final class Resolution {
    public static final int MIN_BEYOND = 10;

    private Resolution() {}

    /** Samples strictly above the nearest-rank p-th percentile of n samples (rank ceil(p/100 * n)). */
    public static long beyond(long n, double percent) {
        return n - rank(n, percent);
    }

    public static boolean resolves(long n, double percent) {
        return beyond(n, percent) >= MIN_BEYOND;
    }

    /** The fewest samples for which the p-th percentile resolves. */
    public static long neededRuns(double percent) {
        if (!(percent > 0 && percent < 100)) {
            throw new IllegalArgumentException("percent [" + percent + "] must be in (0, 100)");
        }
        long n = (long) Math.floor(MIN_BEYOND / (1 - percent / 100.0)) - 1;
        n = Math.max(n, MIN_BEYOND);
        while (!resolves(n, percent)) {
            n++;
        }
        return n;
    }

    /** Nearest rank, 1-based; the epsilon keeps 99.9 % of 1000 at 999 (99.9 / 100 * 1000 is 999.0000000000001). */
    public static long rank(long n, double percent) {
        long r = (long) Math.ceil(percent / 100.0 * n - 1e-9);
        return Math.max(1, Math.min(n, r));
    }
}

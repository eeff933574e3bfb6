package io.edgebench.stats;

/**
 * Wilson's score interval for a binomial proportion (Wilson 1927; Brown, Cai and DasGupta 2001 recommend it over
 * the Wald interval, which collapses to zero width at 0 or n successes, exactly where agreement rates sit).
 */
public final class Wilson {
    /** The standard normal quantile for a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    private Wilson() {}

    /** The 95 % interval of {@code successes} out of {@code n} (n >= 1). */
    public static ConfidenceInterval interval95(long successes, long n) {
        if (n < 1 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes [" + successes + "] must be 0..n and n [" + n + "] >= 1");
        }
        double p = successes / (double) n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new ConfidenceInterval(
                Math.max(0, center - half),
                Math.min(1, center + half),
                0.95,
                "Wilson score, " + successes + " of " + n);
    }
}

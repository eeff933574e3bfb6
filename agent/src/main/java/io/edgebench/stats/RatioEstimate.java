package io.edgebench.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ratio of one statistic between two samples (numerator / denominator) with a percentile-bootstrap confidence
 * interval (Efron and Tibshirani, An Introduction to the Bootstrap, ch. 13): both samples are resampled
 * independently, the ratio of the replicates is taken {@code resamples} times, and the interval is its
 * (1-level)/2 and (1+level)/2 quantiles. Seeded, so the same samples give the same interval.
 *
 * @param ratio numerator statistic / denominator statistic, observed
 * @param method e.g. "percentile bootstrap of the median ratio, 4000 resamples, seed 1"
 */
public record RatioEstimate(double ratio, double low, double high, double level, String statistic, int resamples,
        long seed, String method) {
    public static final int DEFAULT_RESAMPLES = 4000;
    public static final int MAX_RESAMPLES = 100_000;
    public static final double LEVEL = 0.95;

    public RatioEstimate {
        if (resamples < 100 || resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("resamples [" + resamples + "] must be 100.." + MAX_RESAMPLES);
        }
    }

    /** Bootstraps numerator.statistic / denominator.statistic. */
    public static RatioEstimate of(String statistic, Replicator numerator, Replicator denominator, int resamples,
            long seed, double level) {
        if (resamples < 100 || resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("resamples [" + resamples + "] must be 100.." + MAX_RESAMPLES);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            ratios[i] = numerator.replicate(random) / denominator.replicate(random);
        }
        Arrays.sort(ratios);
        double alpha = 1 - level;
        double low = ratios[(int) Math.floor(alpha / 2 * (resamples - 1))];
        double high = ratios[(int) Math.ceil((1 - alpha / 2) * (resamples - 1))];
        double ratio = numerator.observed() / denominator.observed();
        String method = String.format(Locale.ROOT, "percentile bootstrap of the %s ratio over the raw samples, %d "
                + "resamples, seed %d", statistic, resamples, seed);
        return new RatioEstimate(ratio, low, high, level, statistic, resamples, seed, method);
    }

    /** True when the interval excludes 1: the two differ at this level. */
    public boolean significant() {
        return low > 1 || high < 1;
    }

    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    /** The same estimate for denominator / numerator. */
    public RatioEstimate inverted() {
        return new RatioEstimate(1 / ratio, 1 / high, 1 / low, level, statistic, resamples, seed, method);
    }
}

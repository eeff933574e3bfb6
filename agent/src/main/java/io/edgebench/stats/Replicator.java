package io.edgebench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One statistic of one sample, and how to draw its bootstrap replicate: the statistic of n draws with replacement
 * from the raw samples. Median for latency, mean for per-round energy per inference.
 */
public interface Replicator {
    /** The statistic of the observed samples. */
    double observed();

    /** One bootstrap replicate. */
    double replicate(SplittableRandom random);

    /** Nearest-rank median of the samples. */
    static Replicator median(double[] samples) {
        return new Median(samples);
    }

    /** Mean of the samples. */
    static Replicator mean(double[] samples) {
        return new Mean(samples);
    }

    /**
     * The k-th smallest of n draws with replacement from sorted x is x[floor(n * U)], U the k-th smallest of n
     * uniforms, and U ~ Beta(k, n + 1 - k) (David and Nagaraja, Order Statistics, 2.2). So one Beta draw gives a
     * replicate exactly distributed as resampling all n raw samples and taking their median, in O(1) instead of
     * O(n): 100000 samples cost no more than 100.
     */
    final class Median implements Replicator {
        private final double[] sorted;
        private final int k;

        Median(double[] samples) {
            if (samples.length == 0) {
                throw new IllegalArgumentException("median of no samples");
            }
            this.sorted = samples.clone();
            Arrays.sort(sorted);
            this.k = (int) Resolution.rank(sorted.length, 50);
        }

        @Override
        public double observed() {
            return sorted[k - 1];
        }

        @Override
        public double replicate(SplittableRandom random) {
            int n = sorted.length;
            double u = Gamma.beta(random, k, n + 1 - k);
            int index = (int) Math.min(n - 1, Math.floor(n * u));
            return sorted[index];
        }
    }

    /** Plain resampling: the samples are few (one energy figure per round). */
    final class Mean implements Replicator {
        private final double[] samples;

        Mean(double[] samples) {
            if (samples.length == 0) {
                throw new IllegalArgumentException("mean of no samples");
            }
            this.samples = samples.clone();
        }

        @Override
        public double observed() {
            double s = 0;
            for (double v : samples) {
                s += v;
            }
            return s / samples.length;
        }

        @Override
        public double replicate(SplittableRandom random) {
            double s = 0;
            for (int i = 0; i < samples.length; i++) {
                s += samples[random.nextInt(samples.length)];
            }
            return s / samples.length;
        }
    }
}

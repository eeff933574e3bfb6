package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Coverage of the bootstrap ratio interval on synthetic latencies of known distribution (seeded, deterministic). */
class RatioEstimateTest {
    private static final int SIMULATIONS = 1000;
    private static final int SAMPLES = 200;
    private static final int RESAMPLES = 1000;

    /** Log-normal latencies around medianUs (sigma 0.3, a realistic right skew), as a lane would record. */
    static double[] latencies(SplittableRandom r, int n, double medianUs) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = medianUs * Math.exp(0.3 * Gamma.gaussian(r));
        }
        return v;
    }

    private static int[] simulate(double trueRatio, double probe, long seed) {
        SplittableRandom data = new SplittableRandom(seed);
        int contains = 0;
        int excludesOne = 0;
        for (int s = 0; s < SIMULATIONS; s++) {
            double[] a = latencies(data, SAMPLES, 1000 * trueRatio);
            double[] b = latencies(data, SAMPLES, 1000);
            RatioEstimate e = RatioEstimate.of("p50", Replicator.median(a), Replicator.median(b), RESAMPLES, s,
                    RatioEstimate.LEVEL);
            contains += e.contains(probe) ? 1 : 0;
            excludesOne += e.significant() ? 1 : 0;
        }
        return new int[] {contains, excludesOne};
    }

    @Test
    void aaComparisons_intervalContainsOne_inAtLeast93Percent() {
        int[] r = simulate(1.0, 1.0, 11);
        System.out.println("A/A: " + r[0] + " of " + SIMULATIONS + " intervals contain 1.0");
        assertTrue(r[0] >= 930, "A/A intervals containing 1.0: " + r[0] + " of " + SIMULATIONS);
    }

    @Test
    void trueRatio110_intervalContainsIt_andMostlyExcludesOne() {
        int[] r = simulate(1.10, 1.10, 12);
        System.out.println("ratio 1.10: " + r[0] + " of " + SIMULATIONS + " contain 1.10, " + r[1] + " exclude 1.0");
        assertTrue(r[0] >= 930, "intervals containing 1.10: " + r[0] + " of " + SIMULATIONS);
        assertTrue(r[1] > SIMULATIONS / 2, "intervals excluding 1.0: " + r[1] + " of " + SIMULATIONS);
    }

    @Test
    void meanReplicator_energyRatio_coversTheTrueRatio() {
        // energy per inference per round: normal around 2.0 mJ and 2.4 mJ, 30 rounds each
        SplittableRandom data = new SplittableRandom(5);
        int contains = 0;
        for (int s = 0; s < 300; s++) {
            double[] a = new double[30];
            double[] b = new double[30];
            for (int i = 0; i < 30; i++) {
                a[i] = 2.4 + 0.2 * Gamma.gaussian(data);
                b[i] = 2.0 + 0.2 * Gamma.gaussian(data);
            }
            RatioEstimate e = RatioEstimate.of("energy per inference", Replicator.mean(a), Replicator.mean(b), 1000,
                    s, 0.95);
            contains += e.contains(1.2) ? 1 : 0;
        }
        assertTrue(contains >= 270, "energy-ratio intervals containing 1.2: " + contains + " of 300");
    }

    @Test
    void sameSamplesAndSeed_sameInterval_andMethodNamed() {
        double[] a = latencies(new SplittableRandom(1), 500, 1000);
        double[] b = latencies(new SplittableRandom(2), 500, 1200);
        RatioEstimate x = RatioEstimate.of("p50", Replicator.median(b), Replicator.median(a), 2000, 7, 0.95);
        RatioEstimate y = RatioEstimate.of("p50", Replicator.median(b), Replicator.median(a), 2000, 7, 0.95);
        assertEquals(x, y);
        assertTrue(x.method().contains("percentile bootstrap") && x.method().contains("seed 7"), x.method());
        RatioEstimate inv = x.inverted();
        assertEquals(1 / x.ratio(), inv.ratio(), 1e-12);
        assertTrue(inv.low() <= inv.ratio() && inv.ratio() <= inv.high());
    }

    @Test
    void medianReplicate_isDistributedAsResampledMedian() {
        // the Beta shortcut against brute-force resampling: same mean and spread of the replicate
        double[] x = latencies(new SplittableRandom(3), 101, 1000);
        Replicator fast = Replicator.median(x);
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        SplittableRandom r = new SplittableRandom(4);
        double sumFast = 0;
        double sumSlow = 0;
        int reps = 4000;
        for (int i = 0; i < reps; i++) {
            sumFast += fast.replicate(r);
            double[] draw = new double[x.length];
            for (int j = 0; j < draw.length; j++) {
                draw[j] = x[r.nextInt(x.length)];
            }
            java.util.Arrays.sort(draw);
            sumSlow += draw[50];
        }
        assertEquals(sumSlow / reps, sumFast / reps, 0.01 * sorted[50]);
    }

    @Test
    void resamples_outOfBounds_rejected() {
        Replicator m = Replicator.median(new double[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> RatioEstimate.of("p50", m, m, 10, 1, 0.95));
    }
}

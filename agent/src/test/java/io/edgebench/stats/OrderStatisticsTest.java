package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {
    @Test
    void ranks_medianOf100_matchesTheBinomialTable() {
        // Conover's table: for n = 100 the 95 % interval of the median is X(40)..X(61)
        assertArrayEquals(new int[] {40, 61}, OrderStatistics.ranks(100, 0.5, 0.95));
    }

    @Test
    void ranks_fewerThanSixSamples_noMedianInterval() {
        assertNull(OrderStatistics.ranks(5, 0.5, 0.95));
        assertArrayEquals(new int[] {1, 6}, OrderStatistics.ranks(6, 0.5, 0.95));
    }

    @Test
    void ranks_hundredThousandSamples_noUnderflow() {
        int[] r = OrderStatistics.ranks(100_000, 0.9, 0.95);
        assertNotNull(r);
        assertTrue(r[0] < 90_000 && r[1] > 90_000 && r[1] - r[0] < 800, Arrays.toString(r));
    }

    /** The p50 and p90 intervals cover the true quantile at (at least) their nominal rate. */
    @Test
    void quantileInterval_coversTrueQuantile_atNominalRate() {
        SplittableRandom r = new SplittableRandom(21);
        int sims = 2000;
        int n = 150;
        int coveredMedian = 0;
        int coveredP90 = 0;
        // exponential with mean 1 ms: median ln 2 ms, p90 ln 10 ms
        double trueMedianUs = Math.log(2) * 1000;
        double trueP90Us = Math.log(10) * 1000;
        for (int s = 0; s < sims; s++) {
            long[] ns = new long[n];
            for (int i = 0; i < n; i++) {
                ns[i] = Math.round(-Math.log(1 - r.nextDouble()) * 1e6);
            }
            Arrays.sort(ns);
            coveredMedian += OrderStatistics.quantileUs(ns, n, 0.5, 0.95).contains(trueMedianUs) ? 1 : 0;
            coveredP90 += OrderStatistics.quantileUs(ns, n, 0.9, 0.95).contains(trueP90Us) ? 1 : 0;
        }
        double exactMedian = coverage(n, 0.5);
        System.out.println("p50 CI covered the true median in " + coveredMedian + " of " + sims + " (exact coverage "
                + exactMedian + "), p90 CI " + coveredP90 + " (exact " + coverage(n, 0.9) + ")");
        assertTrue(exactMedian >= 0.95, "exact coverage " + exactMedian);
        // 2000 simulations: the binomial standard error of the rate is 0.5 %; allow three of them
        assertTrue(coveredMedian / (double) sims >= exactMedian - 0.015, "median covered " + coveredMedian);
        assertTrue(coveredP90 / (double) sims >= coverage(n, 0.9) - 0.015, "p90 covered " + coveredP90);
    }

    private static double coverage(int n, double q) {
        int[] ranks = OrderStatistics.ranks(n, q, 0.95);
        double[] cdf = OrderStatistics.binomialCdf(n, q);
        return cdf[ranks[1] - 1] - cdf[ranks[0] - 1];
    }

    @Test
    void binomialCdf_endsAtOne() {
        double[] cdf = OrderStatistics.binomialCdf(10, 0.5);
        assertEquals(1.0, cdf[10], 1e-12);
        assertEquals(1 / 1024.0, cdf[0], 1e-12);
    }
}

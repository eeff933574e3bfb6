package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedProportionsTest {
    /**
     * Fagerland, Lydersen and Laake, Statistical Analysis of Contingency Tables (2017), chapter 8: complete response
     * before and after consolidation therapy (Cavo et al. 2012), table [[59, 6], [16, 80]]; the Newcombe
     * square-and-add interval for the paired difference is -0.0621 (95 % CI -0.1186 to -0.0046).
     */
    @Test
    void newcombe_reproducesThePublishedExample() {
        ConfidenceInterval ci = PairedProportions.difference95(59, 6, 16, 80);
        assertEquals(-0.1186, ci.low(), 5e-5);
        assertEquals(-0.0046, ci.high(), 5e-5);
        assertEquals(0.95, ci.level());
    }

    /** Swapping the lanes mirrors the interval: the method has no side. */
    @Test
    void newcombe_isSymmetricInTheLanes() {
        ConfidenceInterval ab = PairedProportions.difference95(120, 14, 5, 11);
        ConfidenceInterval ba = PairedProportions.difference95(120, 5, 14, 11);
        assertEquals(ab.low(), -ba.high(), 1e-12);
        assertEquals(ab.high(), -ba.low(), 1e-12);
    }

    /** No discordant pair: the difference is 0, and the interval still has a width that shrinks with n. */
    @Test
    void newcombe_withoutDiscordantPairs_keepsAWidthThatShrinksWithN() {
        ConfidenceInterval small = PairedProportions.difference95(18, 0, 0, 2);
        ConfidenceInterval large = PairedProportions.difference95(1800, 0, 0, 200);
        assertTrue(small.low() < 0 && small.high() > 0, small.toString());
        assertTrue(large.high() - large.low() < (small.high() - small.low()) / 5, large + " vs " + small);
    }

    @Test
    void mcnemarExact_isTheTwoSidedBinomialTestAtOneHalf() {
        // 2 * (C(15,0) + C(15,1) + C(15,2) + C(15,3)) / 2^15 = 1152 / 32768
        assertEquals(1152.0 / 32768, PairedProportions.mcnemarExactP(12, 3), 1e-12);
        assertEquals(1152.0 / 32768, PairedProportions.mcnemarExactP(3, 12), 1e-12);
        assertEquals(2.0 / 32, PairedProportions.mcnemarExactP(5, 0), 1e-12);
        assertEquals(1.0, PairedProportions.mcnemarExactP(4, 4));
        assertEquals(1.0, PairedProportions.mcnemarExactP(0, 0));
        // 5,000 discordant pairs split 2,400 / 2,600: z = 200 / sqrt(5000) = 2.83, two-sided normal p = 0.0047
        double p = PairedProportions.mcnemarExactP(2400, 2600);
        assertTrue(p > 0.004 && p < 0.006, "p " + p);
    }

    @Test
    void minDiscordant_isWhereTheExactTestCanFirstReachAlpha() {
        assertEquals(6, PairedProportions.minDiscordantFor(0.05)); // 2 / 2^5 = 0.0625, 2 / 2^6 = 0.03125
        assertEquals(8, PairedProportions.minDiscordantFor(0.01));
    }

    /**
     * Coverage on correlated pairs (two lanes that mostly agree, as a quantized and a float model do): the true
     * difference is inside the nominal 95 % interval 93-97 % of the time.
     */
    @Test
    void newcombe_covers95PercentOnCorrelatedPairs() {
        double[][] cases = {
            {200, 0.85, 0.06, 0.03}, // both right, only A, only B; the rest neither
            {100, 0.80, 0.08, 0.04},
            {400, 0.90, 0.03, 0.02}
        };
        SplittableRandom random = new SplittableRandom(23);
        int reps = 4000;
        for (double[] c : cases) {
            int n = (int) c[0];
            double truth = c[2] - c[3];
            int covered = 0;
            for (int r = 0; r < reps; r++) {
                long[] t = new long[4];
                for (int i = 0; i < n; i++) {
                    double x = random.nextDouble();
                    t[x < c[1] ? 0 : x < c[1] + c[2] ? 1 : x < c[1] + c[2] + c[3] ? 2 : 3]++;
                }
                covered +=
                        PairedProportions.difference95(t[0], t[1], t[2], t[3]).contains(truth) ? 1 : 0;
            }
            double coverage = covered / (double) reps;
            assertTrue(coverage >= 0.93 && coverage <= 0.97, "n " + n + ": coverage " + coverage);
        }
    }
}

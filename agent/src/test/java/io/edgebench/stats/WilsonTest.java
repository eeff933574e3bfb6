package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WilsonTest {

    @Test
    void knownValues_includingAllAndNone() {
        ConfidenceInterval half = Wilson.interval95(5, 10);
        assertEquals(0.2366, half.low(), 1e-4);
        assertEquals(0.7634, half.high(), 1e-4);
        ConfidenceInterval none = Wilson.interval95(0, 10);
        assertEquals(0.0, none.low());
        assertEquals(0.2775, none.high(), 1e-4); // not the Wald interval's [0, 0]
        assertEquals(1.0, Wilson.interval95(500, 500).high());
    }

    @Test
    void coverage_of2000SimulatedAgreementRates_isNear95Percent() {
        SplittableRandom r = new SplittableRandom(7);
        for (double p : new double[] {0.5, 0.9, 0.972}) {
            int covered = 0;
            for (int trial = 0; trial < 2000; trial++) {
                int k = 0;
                for (int i = 0; i < 500; i++) {
                    k += r.nextDouble() < p ? 1 : 0;
                }
                covered += Wilson.interval95(k, 500).contains(p) ? 1 : 0;
            }
            assertTrue(covered >= 1860 && covered <= 1940, "p " + p + ": covered " + covered + " of 2000");
        }
    }
}

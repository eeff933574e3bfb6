package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The outcomes and the interval's arithmetic on hand-made rounds; coverage is in RatioEstimateCoverageTest. */
class RatioEstimateTest {
    private static final double MARGIN_PCT = 3;

    private static double[] logs(double... ratios) {
        double[] v = new double[ratios.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.log(ratios[i]);
        }
        return v;
    }

    @Test
    void of_threeProcesses_studentTWithTwoDegreesOfFreedom() {
        // process means 1.00, 1.02, 1.04 in log space: mean ln 1.02 (about), sd 0.0196, t(0.975, 2) = 4.303
        RatioEstimate r =
                RatioEstimate.of("p50", List.of(logs(1.00, 1.00), logs(1.02, 1.02), logs(1.04, 1.04)), MARGIN_PCT);
        double c = (Math.log(1.02) + Math.log(1.04)) / 3;
        double sd = ProcessLevel.sd(new double[] {0, Math.log(1.02), Math.log(1.04)});
        assertEquals(Math.exp(c), r.ratio(), 1e-12);
        assertEquals(Math.exp(c - 4.302653 * sd / Math.sqrt(3)), r.low(), 1e-5);
        assertEquals(Math.exp(c + 4.302653 * sd / Math.sqrt(3)), r.high(), 1e-5);
        assertEquals(3, r.processes());
        assertEquals(6, r.rounds());
        assertEquals(RatioEstimate.Outcome.INCONCLUSIVE, r.outcome());
        // the unit is the process: how many more of them, not rounds
        assertTrue(r.moreProcesses() != null && r.moreProcesses() > 0, r.toString());
        assertNull(r.moreRounds());
    }

    @Test
    void of_looks_bonferroniLevels() {
        List<double[]> byProcess = List.of(logs(1.00, 1.00), logs(1.02, 1.02), logs(1.04, 1.04));
        RatioEstimate r = RatioEstimate.of("p50", byProcess, MARGIN_PCT, 10);
        double c = (Math.log(1.02) + Math.log(1.04)) / 3;
        double se = ProcessLevel.sd(new double[] {0, Math.log(1.02), Math.log(1.04)}) / Math.sqrt(3);
        assertEquals(0.995, r.level(), 1e-12);
        assertEquals(0.99, r.equivalenceLevel(), 1e-12);
        assertEquals(Math.exp(c + StudentT.quantile(0.9975, 2) * se), r.high(), 1e-9);
        assertEquals(Math.exp(c + StudentT.quantile(0.995, 2) * se), r.equivalenceHigh(), 1e-9);
        assertEquals(
                RatioEstimate.of("p50", byProcess, MARGIN_PCT).high(),
                RatioEstimate.of("p50", byProcess, MARGIN_PCT, 1).high());
    }

    @Test
    void of_clearDifference_differentWithIntervalAboveOne() {
        RatioEstimate r =
                RatioEstimate.of("p50", List.of(logs(1.20, 1.22), logs(1.23, 1.21), logs(1.22, 1.24)), MARGIN_PCT);
        assertEquals(RatioEstimate.Outcome.DIFFERENT, r.outcome());
        assertTrue(r.low() > 1.15 && r.high() < 1.30, r.toString());
        assertNull(r.moreRounds());
        RatioEstimate inv = r.inverted();
        assertEquals(1 / r.ratio(), inv.ratio(), 1e-12);
        assertEquals(1 / r.high(), inv.low(), 1e-12);
        assertEquals(RatioEstimate.Outcome.DIFFERENT, inv.outcome());
    }

    @Test
    void of_tightAroundOne_equivalentByTost() {
        RatioEstimate r =
                RatioEstimate.of("p50", List.of(logs(1.001, 0.999), logs(1.002, 0.998), logs(1.0, 1.001)), MARGIN_PCT);
        assertEquals(RatioEstimate.Outcome.EQUIVALENT, r.outcome());
        assertTrue(r.equivalenceLow() > 1 / 1.03 && r.equivalenceHigh() < 1.03, r.toString());
        // the 90 % interval of TOST is inside the 95 % one
        assertTrue(r.low() <= r.equivalenceLow() && r.equivalenceHigh() <= r.high(), r.toString());
    }

    @Test
    void of_processesFarApart_saysTheyDiffer() {
        RatioEstimate r = RatioEstimate.of(
                "p50",
                List.of(logs(1.00, 1.001, 0.999), logs(1.30, 1.301, 1.299), logs(1.0, 1.002, 0.998)),
                MARGIN_PCT);
        assertTrue(r.processesDiffer(), r.toString());
        assertTrue(r.processSpreadPct() > 10, r.toString());
        assertEquals(RatioEstimate.Outcome.INCONCLUSIVE, r.outcome());
    }

    @Test
    void of_oneProcess_roundsAreTheUnitsAndTheMethodSaysSo() {
        RatioEstimate r = RatioEstimate.of("p50", List.<double[]>of(logs(1.1, 1.12, 1.09, 1.11)), MARGIN_PCT);
        assertEquals(1, r.processes());
        assertTrue(r.method().contains("NOT measured (one process)"), r.method());
    }

    @Test
    void moreRounds_oneProcessAutocorrelated_includesTheWidening() {
        // AR(1) with rho 0.9: the se is widened by sqrt((1 + rho) / (1 - rho)), so must the rounds still needed
        Random rnd = new Random(7);
        double[] r = new double[200];
        double x = 0;
        for (int i = 0; i < r.length; i++) {
            x = 0.9 * x + 0.01 * rnd.nextGaussian();
            r[i] = 0.02 + x;
        }
        ProcessLevel p = ProcessLevel.of(List.<double[]>of(r));
        double inflation = p.se() * p.se() * r.length / (p.unitSd() * p.unitSd());
        assertTrue(inflation > 5, "lag-1 widening expected, got " + inflation);
        double target = 0.5 * p.halfWidth(RatioEstimate.LEVEL);
        int n = p.unitsFor(RatioEstimate.LEVEL, target, 100_000);
        // the half-width halves with about four times the rounds, whatever the autocorrelation
        assertTrue(n >= 3.5 * r.length && n <= 4.5 * r.length, "units needed " + n);
    }

    @Test
    void of_oneRound_noInterval() {
        assertNull(RatioEstimate.of("p50", List.<double[]>of(logs(1.1)), MARGIN_PCT));
        assertNull(RatioEstimate.of("p50", List.of(), MARGIN_PCT));
    }

    @Test
    void of_marginOutOfRange_rejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> RatioEstimate.of("p50", List.of(), 0));
        assertEquals("equivalence margin [0.0] must be in (0, 100) percent", e.getMessage());
    }

    @Test
    void studentT_knownQuantiles() {
        assertEquals(12.7062, StudentT.quantile(0.975, 1), 1e-4);
        assertEquals(4.3027, StudentT.quantile(0.975, 2), 1e-4);
        assertEquals(2.9200, StudentT.quantile(0.95, 2), 1e-4);
        assertEquals(2.2281, StudentT.quantile(0.975, 10), 1e-4);
        assertEquals(2.0930, StudentT.quantile(0.975, 19), 1e-4);
        assertEquals(-2.0930, StudentT.quantile(0.025, 19), 1e-4);
        assertEquals(1.9623, StudentT.quantile(0.975, 1000), 1e-4);
        assertEquals(1.95996, StudentT.normalQuantile(0.975), 1e-5);
        assertEquals(-2.32635, StudentT.normalQuantile(0.01), 1e-5);
    }
}

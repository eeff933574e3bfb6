package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResolutionTest {
    @Test
    void p999Of172Runs_doesNotResolve_needs10000() {
        assertFalse(Resolution.resolves(172, 99.9));
        assertEquals(10_000, Resolution.neededRuns(99.9));
        assertTrue(Resolution.resolves(10_000, 99.9));
        assertFalse(Resolution.resolves(9_999, 99.9));
    }

    @Test
    void neededRuns_isTheFirstResolvingCount() {
        for (double p : new double[] {50, 90, 95, 99}) {
            long n = Resolution.neededRuns(p);
            assertTrue(Resolution.resolves(n, p) && !Resolution.resolves(n - 1, p), "p" + p + " n " + n);
        }
        assertEquals(100, Resolution.neededRuns(90));
        assertEquals(1000, Resolution.neededRuns(99));
    }

    @Test
    void pareto_dominatedPointsLeaveTheFront() {
        double[] latency = {1.0, 2.0, 0.5, 3.0, Double.NaN};
        double[] energy = {5.0, 1.0, 6.0, 2.0, 0.1};
        assertEquals(List.of(0, 1, 2), ParetoFront.of(latency, energy));
    }
}

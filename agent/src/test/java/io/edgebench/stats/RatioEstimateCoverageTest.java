package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.VerdictOptions;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Does the "95 %" interval cover the true ratio 95 % of the time when measurements behave as on a board, and does
 * an A/A compare claim a difference at most 5 % of the time? 1,000 seeded simulated compares per case (default
 * number of worker processes, 10 rounds of 100 runs each per process), each with one kind of dependence the old
 * pooled bootstrap ignored (it covered 1.0 in 16-58 % of these): autocorrelated runs, per-process offsets, a bimodal
 * mix of fast and slow processes (ONNX Runtime on a loaded VM), drift over wall time. Both bounds are asserted: an
 * interval ten times too wide would cover 100 %. A/A "different" is the complement of covering 1.0, so at the
 * nominal 95 % it sits at 5 % give or take 0.7 % (binomial, 1,000 compares): these seeds stay at or under 50. 20-45 s
 * on a loaded 2-core VM: slow.
 */
@Tag("slow")
class RatioEstimateCoverageTest {
    private static final int COMPARES = 1000;

    static Stream<Arguments> cases() {
        SimulatedCompare base = SimulatedCompare.iid().processes(VerdictOptions.DEFAULT_FORKS);
        return Stream.of(
                Arguments.of("AR(1) rho 0.9", base.with(0.9, 0, 1, 0, 0)),
                Arguments.of("per-process offsets 1-2 %", base.with(0, 1, 1, 0, 0)),
                Arguments.of("bimodal processes (1.6x slow mode, half of them)", base.with(0, 0, 1.6, 0.5, 0)),
                Arguments.of("drift 1 % per round", base.with(0, 0, 1, 0, 1)),
                Arguments.of("all of them", base.with(0.9, 1, 1.6, 0.5, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void interval_coversTrueRatio93to97pct_andAaClaimsAtMost5pct(String name, SimulatedCompare sim) {
        for (double truth : new double[] {1.00, 1.10}) {
            SplittableRandom random = new SplittableRandom(truth > 1 ? 20 : 7);
            int covered = 0;
            int different = 0;
            for (int i = 0; i < COMPARES; i++) {
                RatioEstimate e = RatioEstimate.of("p50", sim.logRatios(truth, random), 3);
                covered += e.contains(truth) ? 1 : 0;
                different += e.outcome() == RatioEstimate.Outcome.DIFFERENT ? 1 : 0;
            }
            String what = name + ", true ratio " + truth + ": covered " + covered + " of " + COMPARES;
            assertTrue(covered >= 930 && covered <= 970, what);
            if (truth == 1.00) {
                assertTrue(different <= 50, what + ", A/A said different " + different + " times");
            }
        }
    }
}

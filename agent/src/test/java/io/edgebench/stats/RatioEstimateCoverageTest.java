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
 * an A/A compare claim a difference at most 5 % of the time? Seeded simulated compares (10 rounds of 100 runs each per
 * process), each with one kind of dependence the old pooled bootstrap ignored (it covered 1.0 in 16-58 % of these):
 * autocorrelated runs, per-process offsets, a bimodal mix of fast and slow processes (ONNX Runtime on a loaded VM),
 * drift over wall time. Both bounds are asserted: an interval ten times too wide would cover 100 %.
 *
 * <p>Two designs: 3 processes per lane (`--forks 3`, the default before measurements on real runs moved it to 6;
 * docs/bench.md), 1,000 compares, and the default 6, 4,000 compares. A/A "different" is the complement of covering
 * 1.0, so at the nominal 95 % it sits at 5 % give or take binomial noise (0.7 % over 1,000 compares, 0.34 % over
 * 4,000): the 3-process seeds stay at or under 5 %; with 6 processes, AR(1) rho 0.9 measured 5.6 % over 4,000, so the
 * bound there is 5 % plus two standard errors (5.7 %). Slow: 30-60 s on a loaded 2-core VM.
 */
@Tag("slow")
class RatioEstimateCoverageTest {
    static Stream<Arguments> cases() {
        return Stream.concat(design(3, 1000, 0.05), design(VerdictOptions.DEFAULT_FORKS, 4000, 0.057));
    }

    private static Stream<Arguments> design(int processes, int compares, double maxAaDifferent) {
        SimulatedCompare base = SimulatedCompare.iid().processes(processes);
        return Stream.of(
                        Arguments.of("AR(1) rho 0.9", base.with(0.9, 0, 1, 0, 0)),
                        Arguments.of("per-process offsets 1-2 %", base.with(0, 1, 1, 0, 0)),
                        Arguments.of("bimodal processes (1.6x slow mode, half of them)", base.with(0, 0, 1.6, 0.5, 0)),
                        Arguments.of("drift 1 % per round", base.with(0, 0, 1, 0, 1)),
                        Arguments.of("all of them", base.with(0.9, 1, 1.6, 0.5, 1)))
                .map(a -> Arguments.of(processes + " processes, " + a.get()[0], a.get()[1], compares, maxAaDifferent));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void interval_coversTrueRatio93to97pct_andAaClaimsAtMost5pct(
            String name, SimulatedCompare sim, int compares, double maxAaDifferent) {
        for (double truth : new double[] {1.00, 1.10}) {
            SplittableRandom random = new SplittableRandom(truth > 1 ? 20 : 7);
            int covered = 0;
            int different = 0;
            for (int i = 0; i < compares; i++) {
                RatioEstimate e = RatioEstimate.of("p50", sim.logRatios(truth, random), 3);
                covered += e.contains(truth) ? 1 : 0;
                different += e.outcome() == RatioEstimate.Outcome.DIFFERENT ? 1 : 0;
            }
            String what = name + ", true ratio " + truth + ": covered " + covered + " of " + compares;
            assertTrue(covered >= 0.93 * compares && covered <= 0.97 * compares, what);
            if (truth == 1.00) {
                assertTrue(
                        different <= maxAaDifferent * compares, what + ", A/A said different " + different + " times");
            }
        }
    }
}

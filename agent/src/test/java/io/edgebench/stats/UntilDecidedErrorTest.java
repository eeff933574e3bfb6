package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.VerdictOptions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * --until-decided looks again after every added worker process and stops at the first look that decides. Each look
 * at 5 % would be one more 5 % chance of a false verdict; the verdicts test at 5 % / looks (Bonferroni) over the
 * planned looks ({@link VerdictOptions#looks()}). 2,000 seeded simulated compares per case, measured as on a board
 * (AR(1) rho 0.9 between runs, per-process offsets of 1-2 %, 10 rounds of 100 runs per process, default forks):
 * an A/A compare must end "different" in at most 5 % of compares but not in almost none (an interval far too wide
 * would pass the upper bound alone), a true 1.10 ratio must still be found, and the uncorrected looks show the
 * inflation this guards against (seeded: 2.6 % corrected, 11.5 % uncorrected; 2.2 % falsely equivalent at the
 * margin). 20-30 s on a loaded 2-core VM: slow.
 */
@Tag("slow")
class UntilDecidedErrorTest {
    private static final int COMPARES = 2000;
    private static final double MARGIN_PCT = 3;
    private static final VerdictOptions OPTIONS = new VerdictOptions(VerdictOptions.DEFAULT_FORKS, MARGIN_PCT, true);
    private static final SimulatedCompare SIM =
            SimulatedCompare.iid().with(0.9, 1, 1, 0, 0).processes(OPTIONS.forks() + OPTIONS.looks() - 1);

    /** The outcome at the first look that decides, or the last look's: as Forks stops. */
    private static RatioEstimate.Outcome sequential(List<double[]> byProcess, int testLooks) {
        RatioEstimate e = null;
        for (int n = OPTIONS.forks(); n <= byProcess.size(); n++) {
            e = RatioEstimate.of("p50", byProcess.subList(0, n), MARGIN_PCT, testLooks);
            if (e.outcome() != RatioEstimate.Outcome.INCONCLUSIVE) {
                break;
            }
        }
        return e.outcome();
    }

    private static int count(double truth, long seed, int testLooks, RatioEstimate.Outcome outcome) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 0;
        for (int i = 0; i < COMPARES; i++) {
            n += sequential(SIM.logRatios(truth, random), testLooks) == outcome ? 1 : 0;
        }
        return n;
    }

    @Test
    void aa_bonferroniOverTheLooks_falseDifferentAtMost5pct() {
        int different = count(1.00, 11, OPTIONS.looks(), RatioEstimate.Outcome.DIFFERENT);
        assertTrue(different <= COMPARES * 0.05, "A/A said different " + different + " of " + COMPARES);
        assertTrue(different >= COMPARES * 0.002, "A/A said different " + different + " of " + COMPARES);
    }

    @Test
    void aa_uncorrectedLooks_inflateTheFalseDifferentRate() {
        int different = count(1.00, 11, 1, RatioEstimate.Outcome.DIFFERENT);
        assertTrue(different > COMPARES * 0.05, "A/A said different " + different + " of " + COMPARES);
    }

    @Test
    void ratioOnTheMargin_falseEquivalentAtMost5pct() {
        int equivalent = count(1 + MARGIN_PCT / 100, 13, OPTIONS.looks(), RatioEstimate.Outcome.EQUIVALENT);
        assertTrue(equivalent <= COMPARES * 0.05, "said equivalent " + equivalent + " of " + COMPARES);
    }

    @Test
    void trueRatio110_stillFoundDifferent() {
        int different = count(1.10, 20, OPTIONS.looks(), RatioEstimate.Outcome.DIFFERENT);
        assertTrue(different >= COMPARES * 0.9, "1.10 found different " + different + " of " + COMPARES);
    }
}

package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.Accuracy;
import io.edgebench.results.AccuracyPair;
import io.edgebench.results.BenchResult;
import io.edgebench.results.LaneAccuracy;
import io.edgebench.results.PairVerdict;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.RatioEstimate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accuracy front places lanes only by differences the compare shows: a verdict that says "different" for
 * latency, a paired top-1 interval that excludes 0 for accuracy; a lower p50 or top-1 that is not shown is a tie.
 */
class AccuracyFrontTest {
    private static final List<String> LANES =
            List.of("q.tflite tflite:xnnpack", "m.tflite tflite:xnnpack", "m.onnx onnx:cpu", "d.tflite tflite:cpu");
    private static final List<BenchResult> RESULTS = List.of(
            BenchResult.builder().build(),
            BenchResult.builder().build(),
            BenchResult.builder().build(),
            BenchResult.builder().build());

    /** Per-process log ratios: e^0.5 with little spread (different), or centred on 0 with a wide one (inconclusive). */
    private static RatioEstimate shown(boolean aFaster) {
        double s = aFaster ? 1 : -1;
        return RatioEstimate.of(
                "p50",
                List.of(new double[] {0.5 * s, 0.51 * s}, new double[] {0.49 * s, 0.5 * s}, new double[] {
                    0.5 * s, 0.52 * s
                }),
                3);
    }

    private static RatioEstimate notShown() {
        return RatioEstimate.of(
                "p50", List.of(new double[] {0.2, -0.1}, new double[] {-0.2, 0.15}, new double[] {0.1, -0.25}), 3);
    }

    private static PairVerdict verdict(int a, int b, RatioEstimate r) {
        return new PairVerdict(a, b, r, null, "verdict " + a + " vs " + b, null);
    }

    private static AccuracyPair pair(int a, int b, AccuracyPair.Outcome outcome) {
        return AccuracyPair.builder(a, b, new AccuracyPair.Table(180, 6, 2, 12))
                .differenceCi(new ConfidenceInterval(-0.01, 0.03, 0.95, "newcombe"))
                .outcome(outcome)
                .text("pair " + a + " " + b)
                .build();
    }

    private static LaneAccuracy scored(String lane, int correct) {
        ConfidenceInterval ci = new ConfidenceInterval(0.8, 0.95, 0.95, "wilson");
        return new LaneAccuracy(
                lane, "output", new LaneAccuracy.Score(correct, 200, correct / 200.0, ci), null, lane + " top-1");
    }

    @Test
    void aShownFasterLaneThatIsShownLessAccurate_sharesTheFront_aTieOnBothAxesStays_aDominatedLaneLeaves() {
        // q is shown faster than m and m.onnx; m is shown more accurate than q; q and m.onnx are not told apart on
        // top-1, so q (faster, shown) dominates m.onnx; m and m.onnx are not told apart on either axis
        Accuracy acc = new Accuracy(
                "set",
                200,
                List.of(),
                "p / 255",
                List.of(
                        scored(LANES.get(0), 176),
                        scored(LANES.get(1), 184),
                        scored(LANES.get(2), 181),
                        LaneAccuracy.notScored(LANES.get(3), null, "no classifier output")),
                List.of(
                        pair(0, 1, AccuracyPair.Outcome.B_BETTER),
                        pair(0, 2, AccuracyPair.Outcome.NOT_RESOLVED),
                        pair(1, 2, AccuracyPair.Outcome.NOT_RESOLVED)));
        List<PairVerdict> verdicts =
                List.of(verdict(0, 1, shown(true)), verdict(0, 2, shown(true)), verdict(1, 2, notShown()));
        assertEquals(RatioEstimate.Outcome.DIFFERENT, verdicts.get(0).speedup().outcome());
        assertEquals(
                RatioEstimate.Outcome.INCONCLUSIVE, verdicts.get(2).speedup().outcome());

        Accuracy.Front front =
                AccuracyFront.attach(acc, LANES, RESULTS, verdicts).front();

        assertEquals(List.of(LANES.get(0), LANES.get(1)), front.lanes(), front.text());
        assertTrue(
                front.text()
                        .startsWith("Pareto front (p50 latency x top-1 on this set; a lane is faster or more accurate"
                                + " only where its verdict or its paired interval shows it): q.tflite tflite:xnnpack"
                                + " (top-1 88.0 %); m.tflite tflite:xnnpack (top-1 92.0 %); not scored, so not placed:"
                                + " d.tflite tflite:cpu"),
                front.text());
    }

    @Test
    void aLowerP50OrTop1ThatIsNotShown_isATie_soBothLanesStayOnTheFront() {
        List<String> two = LANES.subList(1, 3);
        Accuracy acc = new Accuracy(
                "set",
                200,
                List.of(),
                "p / 255",
                List.of(scored(two.get(0), 184), scored(two.get(1), 181)),
                List.of(pair(0, 1, AccuracyPair.Outcome.NOT_RESOLVED)));
        Accuracy.Front front = AccuracyFront.attach(acc, two, RESULTS.subList(0, 2), List.of(verdict(0, 1, notShown())))
                .front();
        assertEquals(two, front.lanes(), front.text());
        // shown faster and not shown less accurate: the other lane leaves the front
        Accuracy.Front faster = AccuracyFront.attach(
                        acc, two, RESULTS.subList(0, 2), List.of(verdict(0, 1, shown(false))))
                .front();
        assertEquals(List.of(two.get(1)), faster.lanes(), faster.text());
    }

    @Test
    void aSequentialCompare_hasNoVerdicts_andNoFront() {
        Accuracy acc = new Accuracy(
                "set",
                200,
                List.of(),
                "p",
                List.of(scored(LANES.get(0), 176), scored(LANES.get(1), 184)),
                List.of(pair(0, 1, AccuracyPair.Outcome.B_BETTER)));
        assertNull(AccuracyFront.attach(acc, LANES.subList(0, 2), RESULTS.subList(0, 2), List.of())
                .front());
    }
}

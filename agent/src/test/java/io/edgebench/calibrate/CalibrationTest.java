package io.edgebench.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.calibrate.Calibration.Case;
import io.edgebench.calibrate.Calibration.CaseResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final Case XNN = new Case(RuntimeKind.TFLITE, Delegate.XNNPACK, 1);

    @Test
    void ratio_isOverPerRoundRatios_notRatioOfMedians() {
        // rounds drift together (a throttling board): per-round ratios 1.0, 1.0, 1.0 whatever the medians
        CaseResult r = new CaseResult(XNN, List.of(100.0, 200.0, 900.0), List.of(100.0, 200.0, 900.0));
        assertEquals(1.0, r.ratio(), 1e-12);
        assertEquals(200.0, r.edgebenchMedianUs(), 1e-12);
    }

    @Test
    void ratioCi_isStudentTOverLogRatios_bothBounds() {
        // log ratios ln(1.02), ln(1.00), ln(1.04): mean ln(1.0199..), sd 0.0196, t(0.975, 2) = 4.302653
        CaseResult r = new CaseResult(XNN, List.of(102.0, 100.0, 104.0), List.of(100.0, 100.0, 100.0));
        double[] logs = {Math.log(1.02), 0, Math.log(1.04)};
        double mean = (logs[0] + logs[1] + logs[2]) / 3;
        double sd = Math.sqrt(
                ((logs[0] - mean) * (logs[0] - mean) + mean * mean + (logs[2] - mean) * (logs[2] - mean)) / 2);
        double half = 4.302653 * sd / Math.sqrt(3);
        assertEquals(Math.exp(mean), r.ratio(), 1e-12);
        assertEquals(Math.exp(mean - half), r.ratioCi().low(), 1e-6);
        assertEquals(Math.exp(mean + half), r.ratioCi().high(), 1e-6);
        assertEquals(Calibration.Outcome.NOT_RESOLVED, r.outcome(), "0.97..1.07 straddles the 1 % budget");
    }

    @Test
    void outcome_okOnlyWhenTheWholeIntervalIsWithinBudget_overOnlyWhenAllAbove() {
        CaseResult tight =
                new CaseResult(XNN, List.of(100.1, 100.2, 100.0, 100.1), List.of(100.0, 100.0, 100.0, 100.0));
        assertEquals(Calibration.Outcome.OK, tight.outcome());
        CaseResult over = new CaseResult(XNN, List.of(105.0, 105.2, 104.9, 105.1), List.of(100.0, 100.0, 100.0, 100.0));
        assertEquals(Calibration.Outcome.OVER, over.outcome());
        CaseResult single = new CaseResult(XNN, List.of(100.0), List.of(100.0));
        assertNull(single.ratioCi());
        assertEquals(Calibration.Outcome.NOT_RESOLVED, single.outcome(), "one round cannot show the spread");
    }

    @Test
    void median_isNearestRank_lowerMiddleForEvenCounts() {
        assertEquals(2.0, Calibration.median(List.of(4.0, 1.0, 2.0, 3.0)), 0);
        assertEquals(3.0, Calibration.median(List.of(5.0, 1.0, 3.0)), 0);
    }

    @Test
    void standardPlan_coversThreeRuntimesPerThreadCount() {
        Calibration.Plan p = Calibration.Plan.standard(List.of(1, 2), 3, 100);
        assertEquals(6, p.cases().size());
        assertEquals("tflite/cpu", p.cases().get(5).label());
        assertEquals(2, p.cases().get(5).threads());
    }

    @Test
    void plan_rejectsZeroRounds() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Calibration.Plan.standard(List.of(1), 0, 100));
        assertTrue(e.getMessage().contains("1..100 rounds"), e.getMessage());
    }
}

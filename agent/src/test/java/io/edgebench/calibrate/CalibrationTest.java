package io.edgebench.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void ratio_isMedianOfPerRoundRatios_notRatioOfMedians() {
        // rounds drift together (a throttling board): per-round ratios 1.0, 1.0, 2.0 -> median 1.0
        CaseResult r = new CaseResult(XNN, List.of(100.0, 200.0, 900.0), List.of(100.0, 200.0, 450.0));
        assertEquals(1.0, r.ratio(), 1e-12);
        assertEquals(200.0, r.edgebenchMedianUs(), 1e-12);
        assertTrue(r.withinBudget());
    }

    @Test
    void withinBudget_falseAboveOnePercent() {
        assertFalse(new CaseResult(XNN, List.of(102.0), List.of(100.0)).withinBudget());
        assertTrue(new CaseResult(XNN, List.of(101.0), List.of(100.0)).withinBudget());
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.Plan.standard(List.of(1), 0, 100));
        assertTrue(e.getMessage().contains("1..100 rounds"), e.getMessage());
    }
}

package io.edgebench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairAgreementTest {

    @Test
    void identicalOutputs_agreeFully() {
        List<float[]> a = List.of(new float[] {0.1f, 0.7f, 0.2f}, new float[] {0.5f, 0.3f, 0.2f});
        PairAgreement p = PairAgreement.of("a", "b", a, a, 1e-4, 1.0);
        assertEquals(0.0, p.maxAbsError());
        assertEquals(1.0, p.cosineMin(), 1e-12);
        assertEquals(1.0, p.top1Agreement());
        assertFalse(p.flagged());
    }

    @Test
    void smallNoise_withinTolerance_isNotFlagged() {
        PairAgreement p = PairAgreement.of("a", "b", List.of(new float[] {0.1f, 0.9f}),
                List.of(new float[] {0.10005f, 0.89995f}), 1e-4, 1.0);
        assertTrue(p.maxAbsError() > 4e-5 && p.maxAbsError() < 6e-5, "max abs " + p.maxAbsError());
        assertFalse(p.flagged());
    }

    @Test
    void errorBeyondTolerance_isFlaggedWithReason() {
        PairAgreement p = PairAgreement.of("a", "b", List.of(new float[] {0.1f, 0.9f}),
                List.of(new float[] {0.2f, 0.8f}), 1e-4, 1.0);
        assertTrue(p.flagged());
        assertEquals(List.of("max abs error 0.100 > tolerance 0.000100"), p.reasons());
    }

    @Test
    void top1Disagreement_isCountedAndFlagged() {
        List<float[]> a = List.of(new float[] {1, 0}, new float[] {1, 0}, new float[] {0, 1}, new float[] {0, 1});
        List<float[]> b = List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0, 1}, new float[] {0, 1});
        PairAgreement p = PairAgreement.of("a", "b", a, b, 10, 0.95);
        assertEquals(0.75, p.top1Agreement());
        assertEquals(0.0, p.cosineMin(), 1e-12); // [1,0] vs [0,1] are orthogonal
        assertEquals(List.of("top-1 agreement 75.0% < 95.0%"), p.reasons());
    }

    @Test
    void cosine_ofScaledVector_isOne_andOfZeroVectors() {
        assertEquals(1.0, PairAgreement.cosine(new float[] {1, 2, 3}, new float[] {2, 4, 6}), 1e-12);
        assertEquals(1.0, PairAgreement.cosine(new float[] {0, 0}, new float[] {0, 0}));
        assertEquals(0.0, PairAgreement.cosine(new float[] {0, 0}, new float[] {1, 0}));
    }

    @Test
    void differentOutputSizes_areFlagged_differentInputCountsRejected() {
        PairAgreement p = PairAgreement.of("a", "b", List.of(new float[3]), List.of(new float[4]), 1, 0);
        assertTrue(p.flagged());
        assertEquals(List.of("output sizes differ: 3 vs 4 values"), p.reasons());
        assertThrows(IllegalArgumentException.class,
                () -> PairAgreement.of("a", "b", List.of(new float[1]), List.of(), 1, 0));
    }
}

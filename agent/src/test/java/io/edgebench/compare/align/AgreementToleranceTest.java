package io.edgebench.compare.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.DType;
import io.edgebench.model.OutputCoding;
import io.edgebench.results.OutputAgreement;
import io.edgebench.results.PairAgreement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tolerances that fit each output, refusals for raw codes, and ambiguity instead of pairing by position. */
class AgreementToleranceTest {
    private static final OutputCoding FLOAT = new OutputCoding(OutputCoding.Kind.FLOAT, DType.FLOAT32, null, null);
    private static final double STEP = 1 / 256.0;
    private static final OutputCoding SOFTMAX_INT8 =
            new OutputCoding(OutputCoding.Kind.DEQUANTIZED, DType.INT8, STEP, null);

    private static LaneOutputs lane(String name, List<Long> shape, OutputCoding coding, float[]... samples) {
        return new LaneOutputs(
                List.of(name),
                List.of(shape),
                java.util.Arrays.stream(samples).map(List::of).toList(),
                List.of(coding));
    }

    private static OutputAgreement compare(LaneOutputs a, LaneOutputs b, double abs) {
        PairAgreement p = PairComparison.of("a", a, "b", b, List.of(), abs, 1.0);
        assertNull(p.notComparable());
        return p.outputs().get(0);
    }

    @Test
    void oneInt8StepOfASoftmax_isNotFlagged_andTheBasisSaysSo() {
        float[] x = {(float) (200 * STEP), (float) (40 * STEP), (float) (16 * STEP)};
        float[] y = {(float) (199 * STEP), (float) (41 * STEP), (float) (16 * STEP)};
        OutputAgreement o =
                compare(lane("p", List.of(1L, 3L), SOFTMAX_INT8, x), lane("p", List.of(1L, 3L), SOFTMAX_INT8, y), 1e-4);
        assertEquals(STEP, o.maxAbsError(), 1e-9);
        assertFalse(o.flagged(), o.reasons().toString());
        assertEquals("mean abs <= 1 int8 step (0.00391)", o.toleranceBasis());
    }

    @Test
    void int8OutputsTwoStepsApartOnAverage_areFlaggedWithTheirStep() {
        float[] x = {(float) (200 * STEP), (float) (40 * STEP)};
        float[] y = {(float) (198 * STEP), (float) (42 * STEP)};
        OutputAgreement o =
                compare(lane("p", List.of(1L, 2L), SOFTMAX_INT8, x), lane("p", List.of(1L, 2L), FLOAT, y), 1e-4);
        assertTrue(o.flagged());
        assertEquals(
                "mean abs error 0.00781 > tolerance 0.00391 (mean abs <= 1 int8 step (0.00391); output [p])",
                o.reasons().get(0));
    }

    @Test
    void floatOutputsInPixels_differingAtFloatRounding_areNotFlaggedAt1e4Abs() {
        // hand_landmark-like: 63 coordinates up to ~220 px, xnnpack vs builtin differ by 1.14e-4 at most
        float[] x = new float[63];
        float[] y = new float[63];
        for (int i = 0; i < 63; i++) {
            x[i] = 100 + i * 1.9f;
            y[i] = x[i] + (i % 2 == 0 ? 1.14e-4f : -6e-5f);
        }
        OutputAgreement o = compare(
                lane("Identity", List.of(1L, 63L), FLOAT, x), lane("Identity", List.of(1L, 63L), FLOAT, y), 1e-4);
        assertFalse(o.flagged(), o.reasons().toString());
        assertTrue(o.toleranceBasis().startsWith("max abs <= 1e-05 of the output's range 218"), o.toleranceBasis());
        assertNull(o.top1(), "63 landmark coordinates are not class scores");
    }

    @Test
    void smallFloatOutputs_keepTheAbsoluteTolerance() {
        OutputAgreement o = compare(
                lane("y", List.of(1L, 3L), FLOAT, new float[] {0.5f, 0.2f, 0.3f}),
                lane("y", List.of(1L, 3L), FLOAT, new float[] {0.5003f, 0.2f, 0.2997f}),
                1e-4);
        assertTrue(o.flagged());
        assertEquals("max abs <= 0.000100", o.toleranceBasis());
    }

    @Test
    void rawCodesAgainstRealValues_areNotComparable_withTheReason() {
        OutputCoding raw = new OutputCoding(
                OutputCoding.Kind.RAW_CODES,
                DType.INT8,
                null,
                "no QuantizeLinear produces output [y] and no DequantizeLinear reads it, so its integer codes have"
                        + " no known scale and zero point");
        PairAgreement p = PairComparison.of(
                "tflite:cpu",
                lane("y", List.of(1L, 3L), SOFTMAX_INT8, new float[] {0.5f, 0.25f, 0.25f}),
                "onnx:cpu",
                lane("y", List.of(1L, 3L), raw, new float[] {0, -64, -64}),
                List.of(),
                1e-4,
                1);
        assertEquals(
                "[onnx:cpu]: no QuantizeLinear produces output [y] and no DequantizeLinear reads it, so its"
                        + " integer codes have no known scale and zero point; comparing its int8 codes with real values"
                        + " would measure the zero point, not the model. Hint: export the model with a DequantizeLinear"
                        + " after that output (or float outputs), or compare lanes that read the same codes",
                p.notComparable());
    }

    @Test
    void equalShapesWithDifferentNames_areAmbiguousUntilMatched() {
        List<List<Long>> shapes = List.of(List.of(1L, 4L), List.of(1L, 4L));
        float[] u = {1, 2, 3, 4};
        float[] v = {5, 6, 7, 8};
        LaneOutputs a = new LaneOutputs(List.of("boxes", "scores"), shapes, List.of(List.of(u, v)));
        // the other export lists them the other way round under other names: by position would pair box with score
        LaneOutputs b = new LaneOutputs(List.of("Identity_1", "Identity"), shapes, List.of(List.of(v, u)));
        PairAgreement p = PairComparison.of("A", a, "B", b, List.of(), 1e-4, 1);
        assertEquals(
                "ambiguous: outputs boxes, scores of [A] and Identity_1, Identity of [B] have the shape [1,4]"
                        + " (or its transpose) and different names; pairing them by position would be a guess. Pair them"
                        + " with --match, e.g. --match boxes=Identity_1 --match scores=Identity (names from edgebench"
                        + " inspect)",
                p.notComparable());
        PairAgreement matched = PairComparison.of(
                "A", a, "B", b, OutputMatch.parseAll(List.of("boxes=Identity", "scores=Identity_1")), 1e-4, 1);
        assertNull(matched.notComparable());
        assertEquals(0.0, matched.maxAbsError());
    }
}

package io.edgebench.compare.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.OutputAgreement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignerTest {

    private static float[] iota(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * scale;
        }
        return v;
    }

    private static LaneOutputs lane(List<String> names, List<List<Long>> shapes, List<float[]> one) {
        return new LaneOutputs(names, shapes, List.of(one));
    }

    @Test
    void nchwVsNhwc_isTransposedAndAgrees() {
        List<Long> nhwc = List.of(1L, 4L, 4L, 3L);
        float[] x = iota(48, 0.5f);
        float[] y = Shapes.permute(x, nhwc, new int[] {0, 3, 1, 2}); // the same tensor laid out NCHW
        LaneOutputs a = lane(List.of("out"), List.of(nhwc), List.of(x));
        LaneOutputs b = lane(List.of("logits"), List.of(List.of(1L, 3L, 4L, 4L)), List.of(y));
        Alignment al = Aligner.align("a", a, "b", b, List.of());
        assertTrue(al.comparable(), al.notComparable());
        AlignedOutput p = al.pairs().get(0);
        assertEquals(List.of(0, 2, 3, 1), p.permutation());
        assertEquals("transposed [1,3,4,4] to [1,4,4,3] (NCHW to NHWC)", p.transposition());
        OutputAgreement agr = OutputComparison.of(p, a, b, 1e-6, 1);
        assertEquals(0.0, agr.maxAbsError());
        assertNull(agr.top1(), "a spatial map has no top-1");
    }

    @Test
    void nByCvsCByN_isTransposed() {
        float[] x = iota(10, 1);
        LaneOutputs a = lane(List.of("boxes"), List.of(List.of(1L, 5L, 2L)), List.of(x));
        LaneOutputs b = lane(
                List.of("boxes_t"),
                List.of(List.of(1L, 2L, 5L)),
                List.of(Shapes.permute(x, List.of(1L, 5L, 2L), new int[] {0, 2, 1})));
        AlignedOutput p = Aligner.align("a", a, "b", b, List.of()).pairs().get(0);
        assertEquals(0.0, OutputComparison.of(p, a, b, 0, 1).maxAbsError());
    }

    @Test
    void splitHeads_needMatch_andTheHintSaysWhich() {
        LaneOutputs a = lane(
                List.of("regressors", "scores"),
                List.of(List.of(1L, 5L, 4L), List.of(1L, 5L, 1L)),
                List.of(iota(20, 1), iota(5, 1)));
        float[] reg = iota(20, 1);
        List<float[]> parts = new ArrayList<>(List.of(iota(3, 1), iota(2, 1)));
        parts.add(java.util.Arrays.copyOfRange(reg, 0, 12));
        parts.add(java.util.Arrays.copyOfRange(reg, 12, 20));
        LaneOutputs b = lane(
                List.of("s0", "s1", "r0", "r1"),
                List.of(List.of(1L, 3L, 1L), List.of(1L, 2L, 1L), List.of(1L, 3L, 4L), List.of(1L, 2L, 4L)),
                parts);
        Alignment none = Aligner.align("A", a, "B", b, List.of());
        assertTrue(none.pairs().isEmpty());
        assertTrue(
                none.notComparable()
                        .contains("[A] has regressors [1,5,4], scores [1,5,1]; [B] has s0 [1,3,1],"
                                + " s1 [1,2,1], r0 [1,3,4], r1 [1,2,4]"),
                none.notComparable());
        assertTrue(
                none.notComparable().endsWith("Hint: pair them with --match regressors=r0+r1 --match scores=s0+s1"),
                none.notComparable());
        Alignment matched =
                Aligner.align("A", a, "B", b, OutputMatch.parseAll(List.of("regressors=r0+r1", "scores=s0+s1")));
        assertTrue(matched.comparable(), matched.notComparable());
        for (AlignedOutput p : matched.pairs()) {
            OutputAgreement agr = OutputComparison.of(p, a, b, 0, 1);
            assertEquals(
                    p.xName().equals("regressors") ? 0.0 : 3.0,
                    agr.maxAbsError(),
                    p.xName()); // [0..4] vs [0,1,2]+[0,1]
        }
        // the match works in either direction
        assertTrue(Aligner.align("B", b, "A", a, OutputMatch.parseAll(List.of("regressors=r0+r1", "scores=s0+s1")))
                .comparable());
    }

    @Test
    void classScores_getTop1AndTop5_andConcatAlongFirstDifferingAxis() {
        LaneOutputs a = lane(List.of("class_scores"), List.of(List.of(1L, 10L)), List.of(iota(10, 1)));
        float[] swapped = iota(10, 1);
        swapped[8] = 10;
        LaneOutputs b = lane(List.of("class_scores"), List.of(List.of(1L, 10L)), List.of(swapped));
        OutputAgreement agr = OutputComparison.of(
                Aligner.align("a", a, "b", b, List.of()).pairs().get(0), a, b, 10, 1);
        assertEquals(0.0, agr.top1());
        assertEquals(1.0, agr.top5());
        assertTrue(agr.flagged());
        assertArrayEquals(
                new float[] {0, 1, 4, 2, 3, 5},
                Shapes.concat(
                        List.of(new float[] {0, 1, 2, 3}, new float[] {4, 5}),
                        List.of(List.of(2L, 2L), List.of(2L, 1L)),
                        1));
    }
}

package io.edgebench.compare.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutputComparisonTest {

    @Test
    void cosine_ofScaledVector_isOne_andOfZeroVectors() {
        assertEquals(1.0, OutputComparison.cosine(new float[] {1, 2, 3}, new float[] {2, 4, 6}), 1e-12);
        assertEquals(1.0, OutputComparison.cosine(new float[] {0, 0}, new float[] {0, 0}));
        assertEquals(0.0, OutputComparison.cosine(new float[] {0, 0}, new float[] {1, 0}));
        assertEquals(0.0, OutputComparison.cosine(new float[] {1, 0}, new float[] {0, 1}), 1e-12);
    }

    @Test
    void argmax_takesTheFirstOnTies() {
        assertEquals(1, OutputComparison.argmax(new float[] {0.1f, 0.7f, 0.2f}));
        assertEquals(0, OutputComparison.argmax(new float[] {0.5f, 0.5f}));
    }
}

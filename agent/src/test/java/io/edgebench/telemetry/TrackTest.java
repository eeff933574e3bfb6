package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrackTest {
    // 0 ns: 1 W, 10 ns: 3 W, 20 ns: 3 W, 30 ns: 1 W
    final Track t = Track.of(new long[] {0, 10, 20, 30}, new double[] {1, 3, 3, 1});

    @Test
    void integral_clipsToWindowByInterpolatingEdges() {
        assertEquals(70.0, t.integral(0, 30), 1e-12); // 20 + 30 + 20 (trapezoids)
        // [5, 25]: at 5 -> 2 W, at 25 -> 2 W: (2+3)/2*5 + 3*10 + (3+2)/2*5
        assertEquals(55.0, t.integral(5, 25), 1e-12);
        assertEquals(1.9, t.integral(4, 5), 1e-12); // 1.8 -> 2.0 W over 1 ns
    }

    @Test
    void valuesOutsideSamplesAreClamped_notExtrapolated() {
        assertEquals(1.0, t.at(-100));
        assertEquals(1.0, t.at(1000));
        assertEquals(2.0, t.at(5));
    }

    @Test
    void maxMin_includeInterpolatedEdges() {
        assertEquals(3.0, t.max(5, 25));
        assertEquals(2.0, t.min(5, 25));
        assertEquals(2.6, t.max(1, 8), 1e-12);
    }
}

package io.edgebench.bench;

import io.edgebench.protocol.LatencyStats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void ofNanos_oneToThousandMicros_exactNearestRankPercentiles() {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[(i * 7919) % 1000] = (i + 1) * 1000L; // shuffled 1..1000 us
        }
        LatencyStats s = LatencyStats.ofNanos(nanos, 1000);
        assertEquals(1.0, s.min());
        assertEquals(1000.0, s.max());
        assertEquals(500.5, s.mean(), 1e-9);
        assertEquals(500.0, s.p50());
        assertEquals(900.0, s.p90());
        assertEquals(950.0, s.p95());
        assertEquals(990.0, s.p99());
        assertEquals(999.0, s.p999());
        assertEquals(288.8194, s.std(), 1e-3); // sample std of 1..1000
    }

    @Test
    void ofNanos_usesOnlyTheFirstCount_andLeavesTheArrayAlone() {
        long[] nanos = {3000, 1000, 2000, 999_000_000};
        LatencyStats s = LatencyStats.ofNanos(nanos, 3);
        assertEquals(3.0, s.max());
        assertEquals(2.0, s.p50());
        assertEquals(1.0, s.std(), 1e-9);
        assertEquals(3000, nanos[0]);
    }

    @Test
    void ofNanos_singleSample_hasZeroStd() {
        LatencyStats s = LatencyStats.ofNanos(new long[] {1500}, 1);
        assertEquals(1.5, s.p999());
        assertEquals(0.0, s.std());
    }

    @Test
    void ofNanos_zeroCount_rejected() {
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.ofNanos(new long[4], 0));
    }
}

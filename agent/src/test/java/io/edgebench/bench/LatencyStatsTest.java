package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.LatencyStats;
import java.util.List;
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
        assertNull(s.p999()); // 1 sample beyond it: the resolution rule leaves it out
        assertEquals(List.of(new LatencyStats.Unresolved("p999", 1, 10_000)), s.unresolved());
        assertEquals(288.8194, s.std(), 1e-3); // sample std of 1..1000
        // 95 % order-statistic intervals: ranks 469..532 for the median (symmetric: u = n + 1 - l) for p90 of 1000
        assertEquals(469.0, s.p50Ci().low());
        assertEquals(532.0, s.p50Ci().high());
        assertTrue(s.p90Ci().low() < 900 && s.p90Ci().high() > 900, s.p90Ci().toString());
        assertTrue(
                s.p50Ci().method().startsWith("order statistics (binomial)"),
                s.p50Ci().method());
    }

    @Test
    void ofNanos_172Runs_p999IsNullWithTheRunsItNeeds() {
        long[] nanos = new long[172];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 1000L * (i + 1);
        }
        LatencyStats s = LatencyStats.ofNanos(nanos, nanos.length);
        assertNull(s.p999());
        assertNull(s.p99());
        assertNull(s.p95()); // 8 beyond
        assertEquals(155.0, s.p90()); // 17 beyond
        assertEquals(
                List.of("p95", "p99", "p999"),
                s.unresolved().stream().map(LatencyStats.Unresolved::percentile).toList());
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
        assertNull(s.p999());
        assertNull(s.p50Ci());
        assertEquals(1.5, s.p50());
        assertEquals(0.0, s.std());
    }

    @Test
    void ofNanos_zeroCount_rejected() {
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.ofNanos(new long[4], 0));
    }
}

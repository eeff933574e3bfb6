package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.FakeSession;
import io.edgebench.results.BenchParams;
import io.edgebench.results.RateOutcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The closed loop with --until-ci, rounds and the open (fixed-rate) loop on a fake session (no natives). */
class TimedLoopTest {
    private static FakeSession session() {
        return new FakeSession(List.of(), 100_000); // busy-waits 100 us per run
    }

    @Test
    void untilCi_looseTarget_reachedAfterTheRunTarget() {
        TimedLoop.Window w = TimedLoop.closed(session(), 30, 0, 10, 50.0, new AtomicLong());
        assertNotNull(w.untilCi());
        assertTrue(w.untilCi().reached(), w.untilCi().toString());
        assertTrue(w.n() >= 30, "runs " + w.n());
        assertTrue(w.untilCi().achievedPct() <= 50, w.untilCi().toString());
    }

    @Test
    void untilCi_off_noOutcome() {
        TimedLoop.Window w = TimedLoop.closed(session(), 5, 0, 10, null, new AtomicLong());
        assertNull(w.untilCi());
        assertEquals(5, w.n());
    }

    @Test
    void untilCi_tooFewRunsForAnInterval_halfWidthUnknownUntilSix() {
        long[] five = {1, 2, 3, 4, 5};
        assertNull(TimedLoop.halfWidthPct(five, 5));
        assertNotNull(TimedLoop.halfWidthPct(new long[] {1000, 1000, 1000, 1000, 1000, 1000}, 6));
    }

    @Test
    void round_timesAtLeastItsSeconds_andReturnsEveryLatency() {
        long[] buffer = new long[BenchParams.MAX_RUNS];
        Measurement.Round r = Measurement.round(session(), 0.05, Measurement.Probe.NONE, buffer);
        assertTrue(r.latenciesNs().length >= 1);
        assertTrue(
                r.window().endNs() - r.window().startNs() >= 50_000_000L,
                r.window().toString());
        for (long ns : r.latenciesNs()) {
            assertTrue(ns >= 100_000, "busy-wait is 100 us: " + ns);
        }
        assertNull(r.interference());
    }

    @Test
    void rounds_reuseTheWorkersArray_andReturnTheirOwnCopy() {
        long[] buffer = new long[BenchParams.MAX_RUNS];
        Measurement.Round first = Measurement.round(session(), 0.01, Measurement.Probe.NONE, buffer);
        long firstLatency = first.latenciesNs()[0];
        assertEquals(firstLatency, buffer[0], "the round wrote into the worker's array, not a new one");
        Measurement.Round second = Measurement.round(session(), 0.01, Measurement.Probe.NONE, buffer);
        assertEquals(second.latenciesNs()[0], buffer[0]);
        assertEquals(firstLatency, first.latenciesNs()[0], "an earlier round's samples are a copy");
    }

    @Test
    void untilCi_checkTime_isCountedApart_andLeftOutOfThroughput() {
        // a target never reached: checks at 0, 250 and 500 ms, each followed by more runs, until max_seconds
        TimedLoop.Window w = TimedLoop.closed(session(), 30, 0, 0.6, 1e-9, new AtomicLong());
        assertTrue(w.checkNs() > 0, "checks ran inside the window: " + w);
        assertTrue(w.checkNs() < w.endNs() - w.startNs(), w.toString());
        assertEquals(w.n() / ((w.endNs() - w.startNs() - w.checkNs()) / 1e9), w.throughputIps(), 1e-9);
        assertEquals(
                0, TimedLoop.closed(session(), 5, 0, 10, null, new AtomicLong()).checkNs());
    }

    @Test
    void rate_latencyCountsFromArrival_neverBelowService() {
        TimedLoop.Window w = TimedLoop.rate(session(), 20, 0.05, 5, 1000, false, 1, new AtomicLong(), () -> false);
        RateOutcome o = w.rate();
        assertEquals(w.n(), o.arrivals());
        assertTrue(o.arrivals() >= 20);
        assertTrue(o.serviceP50Us() >= 100, o.toString());
        long[] sorted = java.util.Arrays.copyOf(w.latencies(), w.n());
        java.util.Arrays.sort(sorted);
        assertTrue(sorted[sorted.length / 2] / 1e3 >= o.serviceP50Us() - 1e-9, o.toString());
        assertTrue(o.queueDelayMaxUs() >= o.queueDelayMeanUs(), o.toString());
    }
}

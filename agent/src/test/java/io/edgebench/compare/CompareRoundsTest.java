package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.compare.InterleavedRounds.End;
import io.edgebench.compare.InterleavedRounds.Outcome;
import io.edgebench.compare.InterleavedRounds.Stop;
import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.CompareReport;
import io.edgebench.worker.RoundReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rounds' cost figures: the comparison's wall time against its windows (the warm-ups, once per process set, and
 * the heat blocks) plus every lane's timed rounds.
 */
class CompareRoundsTest {
    private static LaneTally timed(double... roundSeconds) {
        LaneTally t = new LaneTally();
        long at = 0;
        for (double s : roundSeconds) {
            long end = at + (long) (s * 1e9);
            t.add(new RoundReport(new long[] {1_000_000L}, new TimedWindow(at, end), null, null));
            at = end;
        }
        return t;
    }

    @Test
    void measured_isWindowsPlusEveryLanesTimedRounds() {
        Outcome outcome = new Outcome(
                7,
                0.5,
                List.of(List.of(0, 1), List.of(1, 0)),
                List.of(timed(0.5, 0.5), timed(1, 1)),
                new End(Stop.ALL_RUNS, -1, 10));
        CompareReport.Rounds r = Comparison.rounds(outcome, 1, 12, 3);
        assertEquals(2, r.count());
        assertEquals(12, r.wallS(), 1e-9);
        assertEquals(3 + 1 + 2, r.measuredS(), 1e-9);
        assertEquals(2, r.wallRatio(), 1e-9);
    }

    @Test
    void nothingMeasured_ratioIsNaN() {
        Outcome outcome = new Outcome(7, 0.5, List.of(), List.of(new LaneTally()), new End(Stop.NO_LANE_LEFT, -1, 10));
        assertEquals(Double.NaN, Comparison.rounds(outcome, 0, 0, 0).wallRatio());
    }
}

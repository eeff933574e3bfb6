package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.compare.InterleavedRounds.End;
import io.edgebench.compare.InterleavedRounds.Stop;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.ModelRef;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.BenchResult.Warmup;
import io.edgebench.results.Delegate;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.ModelFormat;
import io.edgebench.results.RuntimeKind;
import io.edgebench.worker.ReadyReport;
import io.edgebench.worker.RoundReport;
import io.edgebench.worker.WorkerDriver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lane's invalid reasons say why it got fewer runs than asked: its own max_seconds, another lane's, or nothing. */
class LaneResultsTest {
    private static final List<String> LABELS = List.of("tflite:cpu", "tflite:xnnpack");
    private static final BenchParams P = BenchParams.builder(Path.of("m.tflite"))
            .runtime(RuntimeKind.TFLITE)
            .runs(100)
            .maxSeconds(5)
            .build();
    private static final ModelRef MODEL = new ModelRef("m.tflite", "00", ModelFormat.TFLITE);
    private static final ReadyReport READY = new ReadyReport(
            "2.17", Delegate.CPU, 1, 1, List.of(), 1, new Warmup(1, 1), 0.1, null, null, List.of(), null);

    /** 40 runs of 1 ms in one round. */
    private static LaneTally fortyRuns() {
        LaneTally t = new LaneTally();
        long[] ns = new long[40];
        java.util.Arrays.fill(ns, 1_000_000L);
        t.add(new RoundReport(ns, new TimedWindow(0, 40_000_000L), null, null));
        return t;
    }

    private static List<String> reasons(End end, int lane, WorkerDriver.Failure failure) {
        LaneTally t = fortyRuns();
        BenchResult r = LaneResults.of(P, MODEL, READY, t, failure, end.shortfall(lane, LABELS, t, P.runs()));
        return r.invalidReasons();
    }

    @Test
    void shortfall_ownMaxSeconds_saysMaxSecondsReached() {
        assertEquals(
                List.of("max_seconds [5.0] reached after 40 of 100 runs"),
                reasons(new End(Stop.MAX_SECONDS, 0, 5), 0, null));
    }

    @Test
    void shortfall_otherLanesMaxSeconds_namesThatLane() {
        assertEquals(
                List.of("stopped after 40 of 100 runs: lane [tflite:xnnpack] reached max_seconds [5.0]"),
                reasons(new End(Stop.MAX_SECONDS, 1, 5), 0, null));
    }

    @Test
    void shortfall_bothLanesAtMaxSeconds_eachSaysItsOwn() {
        // fortyRuns() timed 0.04 s: a max_seconds of 0.04 was reached by this lane too, whichever lane ended the rounds
        assertEquals(
                List.of("max_seconds [0.04] reached after 40 of 100 runs"),
                reasons(new End(Stop.MAX_SECONDS, 1, 0.04), 0, null));
    }

    @Test
    void shortfall_failedLane_onlyItsFailure() {
        WorkerDriver.Failure f =
                new WorkerDriver.Failure(Status.FAILED, ErrorKind.INTERNAL, "worker exited", List.of());
        List<String> reasons = reasons(new End(Stop.MAX_SECONDS, 1, 5), 0, f);
        assertEquals(List.of("lane failed after 1 rounds: worker exited"), reasons);
    }

    @Test
    void shortfall_maxRounds_saysSo() {
        assertEquals(
                List.of("stopped after 40 of 100 runs: 10000 rounds ran in one worker process"),
                reasons(new End(Stop.MAX_ROUNDS, -1, 5), 0, null));
    }

    @Test
    void shortfall_allRunsOrEnough_nothing() {
        assertEquals(null, new End(Stop.MAX_SECONDS, 0, 5).shortfall(0, LABELS, fortyRuns(), 40));
        assertEquals(null, new End(Stop.NO_LANE_LEFT, -1, 5).shortfall(0, LABELS, fortyRuns(), 100));
        assertTrue(reasons(new End(Stop.ALL_RUNS, -1, 5), 0, null).isEmpty());
    }
}

package io.edgebench.compare;

import io.edgebench.bench.BenchRunner;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Host;
import io.edgebench.results.BenchResult.ModelRef;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Interference;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.RunConditions;
import io.edgebench.results.RuntimeSettings;
import io.edgebench.results.UntilCi;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.worker.ReadyReport;
import io.edgebench.worker.WorkerDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * A lane's {@link BenchResult} from its rounds: the worker's session facts, the pooled latencies, the summed
 * interference. The timed window spans the first round's start to the last round's end (other lanes' rounds lie
 * in between; {@code runs} / the rounds' own time gives the throughput).
 *
 * <p>The p50 and p90 intervals pool the runs of the lane's worker processes: they hold for these processes, not for
 * the next one (each process has its own offset; the verdicts' intervals, over the processes, carry that). With 2
 * or more processes their method says so, as does --until-ci, which stops on them (adding rounds to the last
 * process could never narrow an interval over processes).
 */
final class LaneResults {
    private LaneResults() {}

    /**
     * @param shortfall why the lane got fewer runs than asked ({@link InterleavedRounds.End#shortfall}), null when it
     *     got them all; not reported for a lane that failed (its failure is the reason)
     */
    static BenchResult of(
            BenchParams p,
            ModelRef model,
            ReadyReport ready,
            LaneTally tally,
            WorkerDriver.Failure failure,
            String shortfall) {
        if (failure != null && (ready == null || tally.runs() == 0)) {
            return BenchRunner.failed(p, model, failure);
        }
        if (ready == null || tally.runs() == 0) {
            return BenchRunner.failed(
                    p,
                    model,
                    new WorkerDriver.Failure(
                            Status.FAILED,
                            ErrorKind.INTERNAL,
                            "lane has no timed rounds (the comparison stopped before its first round)",
                            List.of()));
        }
        LatencyStats stats = withinProcesses(LatencyStats.ofNanos(tally.samplesNs(), tally.runs()), tally.processes());
        List<String> reasons = new ArrayList<>();
        if (failure != null) {
            reasons.add("lane failed after " + tally.rounds() + " rounds: " + failure.message());
        }
        if (failure == null && shortfall != null) {
            reasons.add(shortfall);
        }
        if (tally.interference() != null) {
            reasons.addAll(tally.interference()
                    .reasons(p.measure().maxOtherCorePct(), Interference.freeCores(ready.placement(), p.threads())));
        }
        List<String> warnings = new ArrayList<>(ready.warnings());
        UntilCi until = null;
        if (p.measure().untilCiPct() != null) {
            Double h = tally.halfWidthPct();
            until = new UntilCi(
                    p.measure().untilCiPct(), h, h != null && h <= p.measure().untilCiPct());
            if (!until.reached()) {
                warnings.add("until_ci: p50 95 % CI half-width did not reach "
                        + p.measure().untilCiPct() + " % within max_seconds [" + p.maxSeconds() + "]"
                        + within(tally.processes()));
            }
        }
        return BenchResult.builder()
                .model(model)
                .runtime(p.runtime())
                .runtimeVersion(ready.runtimeVersion())
                .delegate(ready.delegate())
                .threads(p.threads())
                .seed(p.seed())
                .loadUs(ready.loadUs())
                .initUs(ready.initUs())
                .firstInferenceUs(ready.firstInferenceUs())
                .warmup(ready.warmup())
                .runs((long) tally.runs())
                .latencyUs(stats)
                .throughputIps(tally.runs() / tally.timedSeconds())
                .peakRssBytes(tally.peakRssBytes())
                .delegation(ready.delegation())
                .edgetpu(ready.edgetpu())
                .inputs(ready.inputs())
                .host(Host.current())
                .timedWindow(new TimedWindow(tally.firstStartNs(), tally.lastEndNs()))
                .valid(reasons.isEmpty())
                .invalidReasons(reasons)
                .warnings(warnings)
                .conditions(new RunConditions(
                        tally.interference(),
                        null,
                        until,
                        ready.placement(),
                        RuntimeSettings.of(p.runtime(), p.threads(), p.onnxSpinning())))
                .build();
    }

    /** ", within these 3 worker processes" with 2 or more processes, else nothing. */
    static String within(int processes) {
        return processes < 2 ? "" : ", within these " + processes + " worker processes";
    }

    private static LatencyStats withinProcesses(LatencyStats s, int processes) {
        if (processes < 2) {
            return s;
        }
        return new LatencyStats(
                s.min(),
                s.max(),
                s.mean(),
                s.std(),
                s.p50(),
                s.p90(),
                s.p95(),
                s.p99(),
                s.p999(),
                withinProcesses(s.p50Ci(), processes),
                withinProcesses(s.p90Ci(), processes),
                s.unresolved());
    }

    private static ConfidenceInterval withinProcesses(ConfidenceInterval ci, int processes) {
        return ci == null
                ? null
                : new ConfidenceInterval(
                        ci.low(),
                        ci.high(),
                        ci.level(),
                        ci.method() + "; within these " + processes + " worker processes: their runs pooled,"
                                + " variation between processes not included (the verdicts' intervals include it)");
    }
}

package io.edgebench.compare;

import io.edgebench.bench.BenchRunner;
import io.edgebench.results.BenchParams;
import io.edgebench.results.Lane;
import io.edgebench.results.Phase;
import io.edgebench.results.VerdictOptions;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.ReadyReport;
import io.edgebench.worker.WorkerDriver;
import io.edgebench.worker.WorkerRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a comparison's lanes in several sets of worker processes (forks, as JMH and pyperf do), one set after the
 * other: each set loads and warms up anew, then runs its share of the interleaved rounds. A process's memory
 * layout, core placement and JIT decisions stay fixed for its life, so only new processes show how much a lane
 * varies between them (Kalibera and Jones 2013); the verdicts' intervals are computed over the processes.
 * With --until-decided, sets are added until every pair is decided or a lane reaches max_seconds, looking at most
 * {@link VerdictOptions#looks()} times: the verdicts test at 5 % / looks (Bonferroni), so stopping at the first
 * look that decides keeps a false verdict at most 5 %. The last set's workers stay up for the agreement outputs
 * until {@link #close}.
 */
final class Forks implements AutoCloseable {
    private final BenchRunner runner;
    private final List<Lane> lanes;
    private final List<BenchParams> params;
    private final InterleavedRounds.Plan plan;
    private final Consumer<String> progress;
    private final BenchListener listener;
    private final BooleanSupplier cancelled;
    private final VerdictOptions verdict;
    private final List<LaneTally> tallies = new ArrayList<>();
    private final List<List<Integer>> orders = new ArrayList<>();
    private final Random shuffle;
    private final ReadyReport[] firstReady;
    private List<LaneWorker> workers = new ArrayList<>();
    private List<LaneWorker> started = List.of();
    /** Per fork, the longest of its lanes' warm-ups (they warm up in parallel), summed over the forks. */
    private double warmupSeconds;
    /** Why the last fork's rounds stopped; no lane left until a fork runs any. */
    private InterleavedRounds.End end = new InterleavedRounds.End(InterleavedRounds.Stop.NO_LANE_LEFT, -1, 0);

    private int processes;

    Forks(
            BenchRunner runner,
            List<Lane> lanes,
            List<BenchParams> params,
            InterleavedRounds.Plan plan,
            Consumer<String> progress,
            BenchListener listener,
            BooleanSupplier cancelled) {
        this.runner = runner;
        this.lanes = lanes;
        this.params = params;
        this.plan = plan;
        this.progress = progress;
        this.listener = listener;
        this.cancelled = cancelled;
        this.verdict = params.get(0).measure().verdict();
        this.shuffle = new Random(plan.seed());
        this.firstReady = new ReadyReport[lanes.size()];
        lanes.forEach(l -> tallies.add(new LaneTally()));
    }

    /** Every fork; on return the last fork's workers are still up (unless cancelled or all failed). */
    void run() {
        for (int fork = 0; fork < VerdictOptions.MAX_FORKS; fork++) {
            start(fork);
            if (cancelled.getAsBoolean() || live() == 0) {
                return;
            }
            if (fork == 0) {
                listener.onPhase(Phase.RUN);
            }
            for (int i = 0; i < lanes.size(); i++) {
                if (workers.get(i).failure() == null) {
                    tallies.get(i).newProcess();
                }
            }
            boolean lastPlanned = fork + 1 >= verdict.forks();
            boolean lastLook = fork + 1 >= verdict.forks() + verdict.looks() - 1;
            end = InterleavedRounds.run(
                    workers,
                    tallies,
                    orders,
                    shuffle,
                    plan.share((fork + 1.0) / verdict.forks(), lastPlanned),
                    progress,
                    listener,
                    cancelled);
            processes++;
            if (cancelled.getAsBoolean()
                    || live() == 0
                    || lastPlanned
                            && (!verdict.untilDecided()
                                    || lastLook
                                    || LaneVerdicts.decided(tallies, workers, verdict)
                                    || InterleavedRounds.anyAtMax(workers, tallies, plan))) {
                return;
            }
            endStarted();
        }
    }

    /** New workers for the lanes still alive (a failed lane keeps its failed worker); all loaded and warm. */
    private void start(int fork) {
        double warmupS = 0;
        if (fork == 0) {
            listener.onPhase(Phase.LOAD);
            progress.accept("start   " + lanes.size() + " lane workers (" + verdict.forks() + " processes per lane,"
                    + " one after another)");
        }
        List<LaneWorker> next = new ArrayList<>();
        List<LaneWorker> fresh = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            LaneWorker before = fork == 0 ? null : workers.get(i);
            LaneWorker w = before != null && before.failure() != null
                    ? before
                    : LaneWorker.start(runner.launch(), runner.prepared(WorkerRequest.rounds(params.get(i))));
            next.add(w);
            if (w != before) {
                fresh.add(w);
            }
        }
        workers = next;
        started = fresh;
        if (fork == 0) {
            listener.onPhase(Phase.WARMUP);
        }
        for (int i = 0; i < lanes.size(); i++) {
            if (!started.contains(workers.get(i))) {
                continue;
            }
            // load, then a warm-up bounded by max_seconds (as in bench), then one slow inference's grace
            ReadyReport r = workers.get(i)
                    .awaitReady(
                            runner.limits()
                                    .loadAllowance()
                                    .plus(runner.limits().grace())
                                    .plusMillis(Math.round(params.get(i).maxSeconds() * 1000)),
                            cancelled);
            if (r != null) {
                firstReady[i] = firstReady[i] == null ? r : firstReady[i];
                warmupS = Math.max(warmupS, r.warmupSeconds());
            }
            progress.accept("ready   " + lanes.get(i).label() + " (process " + (fork + 1) + ")");
        }
        warmupSeconds += warmupS;
    }

    private long live() {
        return workers.stream().filter(w -> w.failure() == null).count();
    }

    /** Ends this fork's workers together; a lane that failed keeps its failure for the next forks. */
    private void endStarted() {
        started.forEach(LaneWorker::requestEnd);
        started.forEach(LaneWorker::close);
    }

    @Override
    public void close() {
        endStarted();
    }

    List<LaneWorker> workers() {
        return workers;
    }

    WorkerDriver.Failure failure(int lane) {
        return workers.get(lane).failure();
    }

    /** Each lane's first ready report (its load and init figures), null where a lane never became ready. */
    List<ReadyReport> ready() {
        return Arrays.asList(firstReady.clone());
    }

    /** The warm-up windows: per fork its longest lane's warm-up (first inference included), summed over forks. */
    double warmupSeconds() {
        return warmupSeconds;
    }

    int processes() {
        return processes;
    }

    InterleavedRounds.Outcome outcome() {
        return new InterleavedRounds.Outcome(plan.seed(), plan.roundSeconds(), orders, tallies, end);
    }
}

package io.edgebench.calibrate;

import io.edgebench.bench.BenchRunner;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.ProcessLevel;
import io.edgebench.stats.Resolution;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The overhead self-check: for each case, rounds of one {@code edgebench bench} worker and one native baseline
 * process, interleaved in alternating order (a shared or throttling board drifts; interleaving lets both sides see the same drift), on
 * the same model, threads, delegate, warm-up and spinning. Both sides report the nearest-rank median of their timed
 * runs (LatencyStats, native/baseline). Each round is one pair of fresh processes, so rounds are independent
 * replicates: the figure per case is the geometric mean of the per-round ratios with a Student t interval over the
 * rounds (process-to-process spread is what limits an overhead figure, not the samples within a process).
 */
public final class Calibration {
    /** The Java layer may cost at most 1 % per inference over the C API (issue 16). */
    public static final double BUDGET_RATIO = 1.01;
    /** Each process times about this long (fewer runs on slow kernels), so a calibration ends within a minute. */
    public static final double TIMED_SECONDS_PER_PROCESS = 0.4;

    private static final int MIN_RUNS = 20;

    /** One runtime/delegate at one thread count. */
    public record Case(RuntimeKind runtime, Delegate delegate, int threads) {
        public String label() {
            return runtime.name().toLowerCase() + "/" + delegate.name().toLowerCase();
        }
    }

    /** What one case measured: per-round medians of both sides, in microseconds. */
    public record CaseResult(Case c, List<Double> edgebenchUs, List<Double> nativeUs) {
        public CaseResult {
            edgebenchUs = List.copyOf(edgebenchUs);
            nativeUs = List.copyOf(nativeUs);
        }

        public double edgebenchMedianUs() {
            return median(edgebenchUs);
        }

        public double nativeMedianUs() {
            return median(nativeUs);
        }

        /** Geometric mean of the per-round ratios edgebench / native. */
        public double ratio() {
            return Math.exp(mean(logRatios()));
        }

        /**
         * 95 % interval of {@link #ratio()}: t over the per-round log ratios (rounds - 1 degrees of freedom); null with
         * a single round, where the process-to-process spread is unknown.
         */
        public ConfidenceInterval ratioCi() {
            double[] logs = logRatios();
            List<double[]> rounds = new ArrayList<>();
            for (double v : logs) {
                rounds.add(new double[] {v});
            }
            // each round is its own pair of fresh processes: one value per "process"
            ProcessLevel p = logs.length < 2 ? null : ProcessLevel.of(rounds);
            if (p == null) {
                return null;
            }
            ConfidenceInterval log = p.interval(0.95, "log ratio");
            return new ConfidenceInterval(
                    Math.exp(log.low()),
                    Math.exp(log.high()),
                    0.95,
                    "Student t over " + logs.length + " per-round log ratios");
        }

        /** Ok: the interval lies within the budget; over: all of it above; not resolved: it straddles the budget. */
        public Outcome outcome() {
            ConfidenceInterval ci = ratioCi();
            if (ci == null) {
                return Outcome.NOT_RESOLVED;
            }
            return ci.high() <= BUDGET_RATIO
                    ? Outcome.OK
                    : ci.low() > BUDGET_RATIO ? Outcome.OVER : Outcome.NOT_RESOLVED;
        }

        private double[] logRatios() {
            double[] r = new double[edgebenchUs.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.log(edgebenchUs.get(i) / nativeUs.get(i));
            }
            return r;
        }
    }

    /** What a case's interval says about the budget. */
    public enum Outcome {
        OK,
        OVER,
        NOT_RESOLVED
    }

    /** How much to measure. */
    public record Plan(List<Case> cases, int rounds, int runs, int warmupRuns) {
        public Plan {
            cases = List.copyOf(cases);
            if (cases.isEmpty() || rounds < 1 || rounds > 100 || runs < 5 || runs > 100_000 || warmupRuns < 0) {
                throw new IllegalArgumentException("calibration plan [" + rounds + " rounds, " + runs + " runs, "
                        + warmupRuns + " warm-up] must have 1..100 rounds, 5..100000 runs and some case");
            }
        }

        /** TFLite builtin and XNNPACK, ONNX Runtime CPU, at each of {@code threads}. */
        public static Plan standard(List<Integer> threads, int rounds, int runs) {
            List<Case> cases = new ArrayList<>();
            for (int t : threads) {
                cases.add(new Case(RuntimeKind.TFLITE, Delegate.XNNPACK, t));
                cases.add(new Case(RuntimeKind.ONNX, Delegate.CPU, t));
                cases.add(new Case(RuntimeKind.TFLITE, Delegate.CPU, t));
            }
            return new Plan(cases, rounds, runs, Math.max(5, runs / 5));
        }
    }

    private final NativeBaseline baseline;
    private final BenchRunner runner;

    public Calibration(NativeBaseline baseline, BenchRunner runner) {
        this.baseline = baseline;
        this.runner = runner;
    }

    /** Measures every case of {@code plan} on the model pair; reports each finished case to {@code progress}. */
    public List<CaseResult> run(Plan plan, Path tflite, Path onnx, Consumer<CaseResult> progress)
            throws IOException, InterruptedException {
        return run(plan, c -> c.runtime() == RuntimeKind.ONNX ? onnx : tflite, progress);
    }

    /** Measures every case of {@code plan} on the model {@code modelOf} gives it. */
    public List<CaseResult> run(Plan plan, Function<Case, Path> modelOf, Consumer<CaseResult> progress)
            throws IOException, InterruptedException {
        List<CaseResult> results = new ArrayList<>();
        BenchParams d = BenchParams.defaults(Path.of("-"));
        for (Case c : plan.cases()) {
            Path model = modelOf.apply(c);
            // A short native probe sizes the runs: thousands for XNNPACK, a few dozen for the builtin kernels.
            double probeUs = baseline.medianUs(
                    new NativeBaseline.Run(c.runtime(), c.delegate(), model, c.threads(), 5, 2, 0, d.onnxSpinning()));
            int runs = (int) Math.max(
                    Math.min(MIN_RUNS, plan.runs()),
                    Math.min(plan.runs(), TIMED_SECONDS_PER_PROCESS * 1e6 / Math.max(1, probeUs)));
            int warmup = Math.min(plan.warmupRuns(), Math.max(5, runs / 5));
            // Both sides: the same warm-up (runs and seconds: the worker's 0.5 s lets the JIT settle, and the C
            // loop gets as long, so neither side warms its caches or clocks longer) and ORT's own spinning.
            NativeBaseline.Run theirs = new NativeBaseline.Run(
                    c.runtime(), c.delegate(), model, c.threads(), runs, warmup, d.warmupSeconds(), d.onnxSpinning());
            BenchParams ours = d.toBuilder()
                    .model(model)
                    .runtime(c.runtime())
                    .delegate(c.delegate())
                    .threads(c.threads())
                    .warmupRuns(warmup)
                    .runs(runs)
                    .minSeconds(0)
                    .maxSeconds(300)
                    .sampleHz(0)
                    .build();
            List<Double> oursUs = new ArrayList<>();
            List<Double> theirsUs = new ArrayList<>();
            for (int round = 0; round < plan.rounds(); round++) {
                // ABAB... would always run the baseline right after a JVM exits; alternate who goes first.
                if (round % 2 == 1) {
                    theirsUs.add(baseline.medianUs(theirs));
                }
                oursUs.add(edgebenchMedianUs(c, ours));
                if (round % 2 == 0) {
                    theirsUs.add(baseline.medianUs(theirs));
                }
            }
            CaseResult r = new CaseResult(c, oursUs, theirsUs);
            results.add(r);
            progress.accept(r);
        }
        return results;
    }

    private double edgebenchMedianUs(Case c, BenchParams p) throws IOException {
        BenchResult r = runner.run(p, RunTelemetry.OFF, BenchListener.NONE, () -> false);
        if (!r.ok() || r.latencyUs() == null) {
            throw new IOException(
                    "edgebench bench failed for " + c.label() + " threads " + c.threads() + ": " + r.error());
        }
        return r.latencyUs().p50();
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[(int) Resolution.rank(v.length, 50) - 1];
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}

package io.edgebench.calibrate;

import io.edgebench.worker.BenchListener;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.bench.BenchRunner;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.telemetry.RunTelemetry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The overhead self-check: for each case, rounds of one {@code edgebench bench} worker and one native baseline
 * process, interleaved in alternating order (a shared or throttling board drifts; interleaving lets both sides see the same drift), on
 * the same model, threads and delegate. The figure per case is the median of the per-round ratios of medians.
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

        /** Median of the per-round ratios edgebench / native. */
        public double ratio() {
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < edgebenchUs.size(); i++) {
                r.add(edgebenchUs.get(i) / nativeUs.get(i));
            }
            return median(r);
        }

        public boolean withinBudget() {
            return ratio() <= BUDGET_RATIO;
        }
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
        List<CaseResult> results = new ArrayList<>();
        for (Case c : plan.cases()) {
            Path model = c.runtime() == RuntimeKind.ONNX ? onnx : tflite;
            // A short native probe sizes the runs: thousands for XNNPACK, a few dozen for the builtin kernels.
            double probeUs = baseline.medianUs(c.runtime(), c.delegate(), model, c.threads(), 5, 2);
            int runs = (int) Math.max(Math.min(MIN_RUNS, plan.runs()),
                    Math.min(plan.runs(), TIMED_SECONDS_PER_PROCESS * 1e6 / Math.max(1, probeUs)));
            int warmup = Math.min(plan.warmupRuns(), Math.max(5, runs / 5));
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int round = 0; round < plan.rounds(); round++) {
                // ABAB... would always run the baseline right after a JVM exits; alternate who goes first.
                if (round % 2 == 1) {
                    theirs.add(baseline.medianUs(c.runtime(), c.delegate(), model, c.threads(), runs, warmup));
                }
                ours.add(edgebenchMedianUs(c, model, runs, warmup));
                if (round % 2 == 0) {
                    theirs.add(baseline.medianUs(c.runtime(), c.delegate(), model, c.threads(), runs, warmup));
                }
            }
            CaseResult r = new CaseResult(c, ours, theirs);
            results.add(r);
            progress.accept(r);
        }
        return results;
    }

    private double edgebenchMedianUs(Case c, Path model, int runs, int warmup) throws IOException {
        BenchParams d = BenchParams.defaults(model);
        // ONNX Runtime's C API spins its intra-op threads by default; the Java side must do the same to compare.
        // edgebench's own warm-up time (0.5 s) lets the JIT compilers finish before timing, as in every bench:
        // on a 2-core board a compiler thread would otherwise share a core with the inference thread.
        BenchParams p = new BenchParams(model, c.runtime(), c.delegate(), c.threads(), warmup, d.warmupSeconds(), runs,
                0.0, 300.0, Map.of(), d.seed(), c.runtime() == RuntimeKind.ONNX, d.edgeTpu(), false, 0.0,
                null, d.cooldownMaxSeconds());
        BenchResult r = runner.run(p, RunTelemetry.OFF, BenchListener.NONE, () -> false);
        if (!r.ok() || r.latencyUs() == null) {
            throw new IOException("edgebench bench failed for " + c.label() + " threads " + c.threads() + ": "
                    + r.error());
        }
        return r.latencyUs().p50();
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

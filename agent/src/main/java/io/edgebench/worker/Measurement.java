package io.edgebench.worker;

import io.edgebench.inputs.DirectoryListings;
import io.edgebench.inputs.InputLoader;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult.InputShape;
import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.BenchResult.Warmup;
import io.edgebench.results.CpuSnapshot;
import io.edgebench.results.InputUse;
import io.edgebench.results.Interference;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.MeasureOptions;
import io.edgebench.results.Phase;
import io.edgebench.results.RateOutcome;
import io.edgebench.results.UntilCi;
import io.edgebench.runtime.ModelSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The measurement core, run inside the worker on an open session: fill inputs, first inference, warm-up, timed loop.
 * The timed loop calls only {@code session.run()} between two System.nanoTime() readings and stores the difference
 * in a preallocated array; progress is published through an AtomicLong that a separate thread reports, so no I/O
 * happens inside the loop.
 */
public final class Measurement {

    /** What the worker measured; the runner adds model, host and telemetry. */
    public record Measured(
            long firstInferenceUs,
            Warmup warmup,
            long runs,
            LatencyStats latencyUs,
            double throughputIps,
            TimedWindow timedWindow,
            Interference interference,
            RateOutcome rate,
            UntilCi untilCi) {}

    private Measurement() {}

    /**
     * Fills every input with {@link InputGenerator} values for {@code seed}; dynamic dims come from
     * {@code inputShapes} (by input name). Returns the shapes used.
     */
    public static List<InputShape> fillInputs(ModelSession session, BenchParams p, long seed) {
        return fillInputs(session, p, seed, new DirectoryListings());
    }

    /** As above, with directory inputs listed through {@code listings}: a worker feeding many samples lists once. */
    public static List<InputShape> fillInputs(
            ModelSession session, BenchParams p, long seed, DirectoryListings listings) {
        InputGenerator generator = new InputGenerator(seed);
        List<TensorInfo> inputs = session.inputs();
        InputLoader chosen = new InputLoader(p.inputs(), inputs, seed, listings);
        requireShapes(inputs, p);
        List<InputShape> used = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            TensorInfo info = inputs.get(i);
            List<Long> shape = concreteShape(info, p);
            InputLoader.Loaded loaded = chosen.load(i, shape);
            InputUse use;
            if (loaded == null) {
                session.setInput(i, generator.values(i, info, shape));
                use = InputUse.seed(seed);
            } else if (loaded.raw() != null) {
                session.setInputBytes(i, loaded.raw());
                use = loaded.use();
            } else {
                session.setInput(i, loaded.real());
                use = loaded.use();
            }
            used.add(new InputShape(info.name(), info.dtype().id(), shape, use));
        }
        return used;
    }

    /** Two or more inputs with dynamic dims and no --input-shape: all named in one error, not one per try. */
    private static void requireShapes(List<TensorInfo> inputs, BenchParams p) {
        List<TensorInfo> missing = inputs.stream()
                .filter(i -> i.isDynamic() && !p.inputShapes().containsKey(i.name()))
                .toList();
        if (missing.size() < 2) {
            return; // one is said by concreteShape, with its own wording
        }
        List<String> what = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (TensorInfo i : missing) {
            what.add("[" + i.name() + "] " + dynamicDims(i) + " " + describe(i));
            flags.add("--input-shape " + i.name() + "=" + example(i));
        }
        throw new ModelLoadException(missing.size() + " inputs have dynamic dims: " + String.join(", ", what)
                + "; pass a concrete shape for each, e.g. " + String.join(" ", flags));
    }

    static List<Long> concreteShape(TensorInfo info, BenchParams p) {
        List<Long> given = p.inputShapes().get(info.name());
        if (given != null) {
            if (given.size() != info.shape().size()) {
                throw new ModelLoadException("--input-shape " + info.name() + " has " + given.size()
                        + " dims but the input has " + info.shape().size() + " " + describe(info)
                        + "; give one value per dim, e.g. " + example(info));
            }
            for (int d = 0; d < given.size(); d++) {
                long fixed = info.shape().get(d);
                if (fixed >= 0 && fixed != given.get(d)) {
                    throw new ModelLoadException("--input-shape " + info.name() + " dim " + d + " [" + given.get(d)
                            + "] contradicts the model's fixed size " + fixed + " " + describe(info));
                }
            }
            return given;
        }
        if (info.isDynamic()) {
            throw new ModelLoadException("Input [" + info.name() + "] has dynamic dims " + dynamicDims(info) + " "
                    + describe(info) + "; pass a concrete shape with --input-shape " + info.name() + "="
                    + example(info));
        }
        return info.shape();
    }

    /**
     * A CPU accounting snapshot of the machine and this process, taken just outside the timed window; null where
     * /proc cannot be read (the interference check then reports no data).
     */
    @FunctionalInterface
    public interface Probe {
        CpuSnapshot snapshot();

        Probe NONE = () -> null;
    }

    /** Without an interference probe (tests on fake sessions). */
    public static Measured measure(ModelSession session, BenchParams p, AtomicLong runsDone, Consumer<Phase> phase) {
        return measure(session, p, runsDone, phase, Probe.NONE, () -> false);
    }

    /**
     * As above; while {@code holdOpen} is true the timed loop goes on past the run count and min_seconds (still
     * ending at max_seconds): --energy-accuracy holds it until the parent says the energy is known well enough.
     */
    public static Measured measure(
            ModelSession session,
            BenchParams p,
            AtomicLong runsDone,
            Consumer<Phase> phase,
            java.util.function.BooleanSupplier holdOpen) {
        return measure(session, p, runsDone, phase, Probe.NONE, holdOpen);
    }

    /**
     * First inference, warm-up (until warmupRuns and warmupSeconds are both reached, or maxSeconds), then the timed
     * loop ({@link TimedLoop}: closed loop, or fixed-rate arrivals with --rate), with probe snapshots at its edges.
     */
    public static Measured measure(
            ModelSession session,
            BenchParams p,
            AtomicLong runsDone,
            Consumer<Phase> phase,
            Probe probe,
            java.util.function.BooleanSupplier holdOpen) {
        Warm warm = warm(session, p, phase);
        long firstUs = warm.firstInferenceUs();
        Warmup warmup = warm.warmup();

        phase.accept(Phase.RUN);
        MeasureOptions o = p.measure();
        CpuSnapshot before = probe.snapshot();
        TimedLoop.Window w = o.rateHz() == null
                ? TimedLoop.closed(
                        session,
                        new long[BenchParams.MAX_RUNS],
                        p.runs(),
                        p.minSeconds(),
                        p.maxSeconds(),
                        o.untilCiPct(),
                        runsDone,
                        holdOpen)
                : TimedLoop.rate(
                        session,
                        p.runs(),
                        p.minSeconds(),
                        p.maxSeconds(),
                        o.rateHz(),
                        o.poisson(),
                        p.seed(),
                        runsDone,
                        holdOpen);
        CpuSnapshot after = probe.snapshot();
        LatencyStats stats = LatencyStats.ofNanos(w.latencies(), w.n());
        double throughput = w.throughputIps(); // without the --until-ci checks' time
        Interference interference = interference(before, after);
        return new Measured(
                firstUs,
                warmup,
                w.n(),
                stats,
                throughput,
                new TimedWindow(w.startNs(), w.endNs()),
                interference,
                w.rate(),
                w.untilCi());
    }

    /** The first inference and the warm-up after it. */
    public record Warm(long firstInferenceUs, Warmup warmup) {}

    /** Phase "warmup": the first inference, then warm-up until warmupRuns and warmupSeconds (or maxSeconds). */
    public static Warm warm(ModelSession session, BenchParams p, Consumer<Phase> phase) {
        phase.accept(Phase.WARMUP);
        long firstStart = System.nanoTime();
        session.run();
        long firstUs = (System.nanoTime() - firstStart) / 1_000;
        return new Warm(firstUs, warmUp(session, p));
    }

    /**
     * One round of an interleaved comparison: back-to-back runs for {@code seconds} into {@code latencies} (the
     * worker's one array, reused every round), a copy of the raw samples returned.
     */
    public static Round round(ModelSession session, double seconds, Probe probe, long[] latencies) {
        CpuSnapshot before = probe.snapshot();
        TimedLoop.Window w =
                TimedLoop.closed(session, latencies, 1, seconds, seconds, null, new AtomicLong(), () -> false);
        CpuSnapshot after = probe.snapshot();
        return new Round(
                Arrays.copyOf(w.latencies(), w.n()),
                new TimedWindow(w.startNs(), w.endNs()),
                interference(before, after));
    }

    /** Between two snapshots; null (no data) when either could not be read. */
    private static Interference interference(CpuSnapshot before, CpuSnapshot after) {
        return before == null || after == null ? null : Interference.between(before, after);
    }

    /** What one round measured: every latency in nanoseconds, the window, and what else ran meanwhile. */
    public record Round(long[] latenciesNs, TimedWindow window, Interference interference) {}

    private static Warmup warmUp(ModelSession session, BenchParams p) {
        // Warm-up is also bounded by max_seconds so a slow model cannot outlive the watchdog's allowance.
        long minNs = (long) (p.warmupSeconds() * 1e9);
        long maxNs = (long) (p.maxSeconds() * 1e9);
        long begin = System.nanoTime();
        long total = 0;
        int done = 0;
        while (true) {
            long elapsed = System.nanoTime() - begin;
            if ((done >= p.warmupRuns() && elapsed >= minNs) || elapsed >= maxNs) {
                break;
            }
            long start = System.nanoTime();
            session.run();
            total += System.nanoTime() - start;
            done++;
        }
        return new Warmup(done, done == 0 ? 0 : total / 1e3 / done);
    }

    private static String describe(TensorInfo info) {
        List<String> dims = new ArrayList<>();
        for (int d = 0; d < info.shape().size(); d++) {
            long v = info.shape().get(d);
            String name = d < info.dimNames().size() ? info.dimNames().get(d) : null;
            dims.add(v >= 0 ? Long.toString(v) : name != null ? name : "?");
        }
        return "[" + String.join(", ", dims) + "]";
    }

    private static String dynamicDims(TensorInfo info) {
        List<String> names = new ArrayList<>();
        for (int d = 0; d < info.shape().size(); d++) {
            if (info.shape().get(d) < 0) {
                String name = d < info.dimNames().size() ? info.dimNames().get(d) : null;
                names.add(name != null ? name : "dim " + d);
            }
        }
        return names.toString();
    }

    private static String example(TensorInfo info) {
        List<String> dims = new ArrayList<>();
        for (long v : info.shape()) {
            dims.add(v >= 0 ? Long.toString(v) : "N");
        }
        return String.join("x", dims);
    }
}

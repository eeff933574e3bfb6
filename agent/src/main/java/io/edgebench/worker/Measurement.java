package io.edgebench.worker;

import io.edgebench.protocol.BenchResult.InputShape;
import io.edgebench.protocol.BenchResult.TimedWindow;
import io.edgebench.protocol.BenchResult.Warmup;
import io.edgebench.inputs.InputLoader;
import io.edgebench.protocol.InputUse;
import io.edgebench.model.ModelLoadException;
import io.edgebench.protocol.BenchParams;
import io.edgebench.protocol.LatencyStats;

import io.edgebench.runtime.ModelSession;
import io.edgebench.model.TensorInfo;
import java.util.ArrayList;
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
    public record Measured(long firstInferenceUs, Warmup warmup, long runs, LatencyStats latencyUs,
            double throughputIps, TimedWindow timedWindow) {}

    private Measurement() {}

    /**
     * Fills every input with {@link InputGenerator} values for {@code seed}; dynamic dims come from
     * {@code inputShapes} (by input name). Returns the shapes used.
     */
    public static List<InputShape> fillInputs(ModelSession session, BenchParams p, long seed) {
        InputGenerator generator = new InputGenerator(seed);
        List<TensorInfo> inputs = session.inputs();
        InputLoader chosen = new InputLoader(p.inputs(), inputs, seed);
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
     * First inference, warm-up (until warmupRuns and warmupSeconds are both reached, or maxSeconds), then the timed
     * loop until (runs and minSeconds are both reached) or maxSeconds or MAX_RUNS.
     */
    public static Measured measure(ModelSession session, BenchParams p, AtomicLong runsDone, Consumer<String> phase) {
        return measure(session, p, runsDone, phase, () -> false);
    }

    /**
     * As above; while {@code holdOpen} is true the timed loop goes on past the run count and min_seconds (still
     * ending at max_seconds): --energy-accuracy holds it until the parent says the energy is known well enough.
     */
    public static Measured measure(ModelSession session, BenchParams p, AtomicLong runsDone, Consumer<String> phase,
            java.util.function.BooleanSupplier holdOpen) {
        phase.accept("warmup");
        long firstStart = System.nanoTime();
        session.run();
        long firstUs = (System.nanoTime() - firstStart) / 1_000;
        Warmup warmup = warmUp(session, p);

        phase.accept("run");
        long[] latencies = new long[BenchParams.MAX_RUNS];
        long minNs = (long) (p.minSeconds() * 1e9);
        long maxNs = (long) (p.maxSeconds() * 1e9);
        int target = p.runs();
        int n = 0;
        long windowStart = System.nanoTime();
        long end = windowStart;
        while (true) {
            long start = System.nanoTime();
            session.run();
            end = System.nanoTime();
            latencies[n++] = end - start;
            runsDone.setRelease(n);
            long elapsed = end - windowStart;
            if ((n >= target && elapsed >= minNs && !holdOpen.getAsBoolean()) || elapsed >= maxNs
                    || n == latencies.length) {
                break;
            }
        }
        LatencyStats stats = LatencyStats.ofNanos(latencies, n);
        double throughput = n / ((end - windowStart) / 1e9);
        return new Measured(firstUs, warmup, n, stats, throughput, new TimedWindow(windowStart, end));
    }

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

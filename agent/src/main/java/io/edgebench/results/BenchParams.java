package io.edgebench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines one benchmark, shared by the CLI, the worker protocol and MQTT commands.
 * {@link #defaults(Path)} is the one source of defaults; the compact constructor validates every bound before any
 * native call. A run does at least {@code runs} inferences and at least {@code minSeconds}, and stops at
 * {@code maxSeconds} whatever the count (TFLite benchmark_model's semantics).
 *
 * @param runtime null: chosen from the model's format
 * @param delegate null: xnnpack for TFLite, cpu for ONNX Runtime
 * @param sampleHz telemetry sampling rate during the run; 0 turns telemetry off
 * @param cooldownToC wait (at most cooldownMaxSeconds) until the hottest zone is at or below this; null: no wait
 * @param measure how the timed window runs and is judged (--until-ci, --rate, --cpus, interference threshold)
 * @param energyAccuracyPct keep timing past runs and min_seconds (never past max_seconds) until energy per inference
 *     is known to this many percent (95 % uncertainty over value); null: off. Needs telemetry (sample_hz > 0).
 * @param inputs the inputs the user chose (files, images, values, ranges); the others get seeded random values
 * @param profileOps after the timed loop, a separate profiled pass with per-operator times
 */
public record BenchParams(
        Path model,
        RuntimeKind runtime,
        Delegate delegate,
        int threads,
        int warmupRuns,
        double warmupSeconds,
        int runs,
        double minSeconds,
        double maxSeconds,
        Map<String, List<Long>> inputShapes,
        long seed,
        boolean onnxSpinning,
        EdgeTpuOptions edgeTpu,
        boolean requireFullDelegation,
        double sampleHz,
        Double cooldownToC,
        double cooldownMaxSeconds,
        Double energyAccuracyPct,
        InputPlan inputs,
        boolean profileOps,
        MeasureOptions measure) {

    public static final int MAX_RUNS = 100_000;
    public static final double MAX_SECONDS = 3600;

    /**
     * The bounds of the numeric fields, named as on the wire: the one place they are written and the one place
     * they are checked (the compact constructor). CommandParser only checks a request's types and reports an
     * {@link OutOfBounds} in its own words; the CLI reports it as it comes.
     *
     * @param integer the field is a count (for messages: "an integer" rather than "a number")
     */
    public record Bound(String field, double min, double max, boolean integer) {
        void check(double value) {
            if (!(value >= min && value <= max)) {
                throw new OutOfBounds(this, value);
            }
        }

        /** "1..100000", as messages write the range. */
        public String range() {
            return fmt(min) + ".." + fmt(max);
        }
    }

    /** A value outside its {@link Bound}. */
    public static final class OutOfBounds extends IllegalArgumentException {
        private final transient Bound bound;

        OutOfBounds(Bound bound, double value) {
            super(bound.field() + " [" + value + "] must be " + bound.range());
            this.bound = bound;
        }

        public Bound bound() {
            return bound;
        }
    }

    public static final Bound THREADS = new Bound("threads", 1, 256, true);
    public static final Bound WARMUP_RUNS = new Bound("warmup_runs", 0, MAX_RUNS, true);
    public static final Bound WARMUP_SECONDS = new Bound("warmup_seconds", 0, MAX_SECONDS, false);
    public static final Bound RUNS = new Bound("runs", 1, MAX_RUNS, true);
    public static final Bound MIN_SECONDS = new Bound("min_seconds", 0, MAX_SECONDS, false);
    public static final Bound MAX_SECONDS_BOUND = new Bound("max_seconds", 0.001, MAX_SECONDS, false);
    public static final Bound SAMPLE_HZ = new Bound("sample_hz", 0, 1000, false);
    public static final Bound COOLDOWN_TO_C = new Bound("cooldown_to_c", 20, 120, false);
    public static final Bound COOLDOWN_MAX_SECONDS = new Bound("cooldown_max_seconds", 0, MAX_SECONDS, false);
    public static final Bound ENERGY_ACCURACY_PCT = new Bound("energy_accuracy_pct", 0.1, 100, false);

    public BenchParams {
        Objects.requireNonNull(model, "model");
        inputShapes = inputShapes == null ? Map.of() : Map.copyOf(inputShapes);
        edgeTpu = edgeTpu == null ? EdgeTpuOptions.defaults() : edgeTpu;
        inputs = inputs == null ? InputPlan.NONE : inputs;
        measure = measure == null ? MeasureOptions.defaults() : measure;
        THREADS.check(threads);
        WARMUP_RUNS.check(warmupRuns);
        WARMUP_SECONDS.check(warmupSeconds);
        RUNS.check(runs);
        MIN_SECONDS.check(minSeconds);
        MAX_SECONDS_BOUND.check(maxSeconds);
        SAMPLE_HZ.check(sampleHz);
        COOLDOWN_MAX_SECONDS.check(cooldownMaxSeconds);
        if (minSeconds > maxSeconds) {
            throw new IllegalArgumentException("min_seconds [" + minSeconds + "] must not exceed max_seconds ["
                    + maxSeconds + "]");
        }
        if (cooldownToC != null) {
            COOLDOWN_TO_C.check(cooldownToC);
        }
        if (energyAccuracyPct != null) {
            ENERGY_ACCURACY_PCT.check(energyAccuracyPct);
            if (sampleHz == 0) {
                throw new IllegalArgumentException("energy_accuracy_pct [" + fmt(energyAccuracyPct) + "] needs"
                        + " telemetry: sample_hz is 0 (drop --no-telemetry, or set sample_hz, e.g. 50)");
            }
        }
    }

    /** Without an energy accuracy target, chosen inputs or a per-op profile (the shape before those fields). */
    public BenchParams(Path model, RuntimeKind runtime, Delegate delegate, int threads, int warmupRuns,
            double warmupSeconds, int runs, double minSeconds, double maxSeconds, Map<String, List<Long>> inputShapes,
            long seed, boolean onnxSpinning, EdgeTpuOptions edgeTpu, boolean requireFullDelegation, double sampleHz,
            Double cooldownToC, double cooldownMaxSeconds) {
        this(model, runtime, delegate, threads, warmupRuns, warmupSeconds, runs, minSeconds, maxSeconds, inputShapes,
                seed, onnxSpinning, edgeTpu, requireFullDelegation, sampleHz, cooldownToC, cooldownMaxSeconds, null,
                InputPlan.NONE, false, MeasureOptions.defaults());
    }

    public BenchParams withInputs(InputPlan plan) {
        return toBuilder().inputs(plan).build();
    }

    public BenchParams withProfileOps(boolean on) {
        return toBuilder().profileOps(on).build();
    }

    /** {@code p}'s inputs, profile_ops and measure options on this (for code that rebuilds params field by field). */
    public BenchParams withChoicesOf(BenchParams p) {
        return toBuilder().inputs(p.inputs()).profileOps(p.profileOps()).measure(p.measure()).build();
    }

    /**
     * compare's sample_hz when none is given, on the CLI and over MQTT alike: 0, so the lanes run in interleaved
     * rounds with bootstrap verdicts; telemetry needs a lane's own window, so sample_hz > 0 runs the lanes in turn.
     */
    public static final double COMPARE_SAMPLE_HZ = 0;

    /** The defaults: benchmark_model's counts (50 runs, at least 1 s, at most 150 s), 50 Hz telemetry. */
    public static BenchParams defaults(Path model) {
        return builder(model).build();
    }

    /** A builder holding the defaults, the one place they are written down. */
    public static Builder builder(Path model) {
        return new Builder(model);
    }

    /** A builder holding these values, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public BenchParams withModel(Path m) {
        return toBuilder().model(m).build();
    }

    public BenchParams withRuntime(RuntimeKind r, Delegate d) {
        return toBuilder().runtime(r).delegate(d).build();
    }

    /** Without the energy target (18 values, as before --energy-accuracy), with measurement options. */
    public BenchParams(Path model, RuntimeKind runtime, Delegate delegate, int threads, int warmupRuns,
            double warmupSeconds, int runs, double minSeconds, double maxSeconds, Map<String, List<Long>> inputShapes,
            long seed, boolean onnxSpinning, EdgeTpuOptions edgeTpu, boolean requireFullDelegation, double sampleHz,
            Double cooldownToC, double cooldownMaxSeconds, MeasureOptions measure) {
        this(model, runtime, delegate, threads, warmupRuns, warmupSeconds, runs, minSeconds, maxSeconds, inputShapes,
                seed, onnxSpinning, edgeTpu, requireFullDelegation, sampleHz, cooldownToC, cooldownMaxSeconds,
                (Double) null, InputPlan.NONE, false, measure);
    }

    /** Without measurement options (their defaults: back-to-back runs, no pinning, 10 % noise threshold). */
    public BenchParams(Path model, RuntimeKind runtime, Delegate delegate, int threads, int warmupRuns,
            double warmupSeconds, int runs, double minSeconds, double maxSeconds, Map<String, List<Long>> inputShapes,
            long seed, boolean onnxSpinning, EdgeTpuOptions edgeTpu, boolean requireFullDelegation, double sampleHz,
            Double cooldownToC, double cooldownMaxSeconds, Double energyAccuracyPct) {
        this(model, runtime, delegate, threads, warmupRuns, warmupSeconds, runs, minSeconds, maxSeconds, inputShapes,
                seed, onnxSpinning, edgeTpu, requireFullDelegation, sampleHz, cooldownToC, cooldownMaxSeconds,
                energyAccuracyPct, InputPlan.NONE, false, MeasureOptions.defaults());
    }

    /** The same benchmark with other measurement options. */
    public BenchParams withMeasure(MeasureOptions options) {
        return toBuilder().measure(options).build();
    }

    /** The same benchmark with another thread count (compare --threads sweeps). */
    public BenchParams withThreads(int n) {
        return toBuilder().threads(n).build();
    }

    /** All cores up to 4: what a board deployment would use, and what Pi 4/5 and Coral boards have. */
    public static int defaultThreads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    /** Builds BenchParams; starts from the defaults (or from existing params); build() validates. */
    public static final class Builder {
        private Path model;
        private RuntimeKind runtime;
        private Delegate delegate;
        private int threads = defaultThreads();
        private int warmupRuns = 5;
        private double warmupSeconds = 0.5;
        private int runs = 50;
        private double minSeconds = 1.0;
        private double maxSeconds = 150.0;
        private Map<String, List<Long>> inputShapes = Map.of();
        private long seed = 1L;
        private boolean onnxSpinning = false;
        private EdgeTpuOptions edgeTpu = EdgeTpuOptions.defaults();
        private boolean requireFullDelegation = false;
        private double sampleHz = 50.0;
        private Double cooldownToC;
        private double cooldownMaxSeconds = 300.0;
        private MeasureOptions measure = MeasureOptions.defaults();
        private Double energyAccuracyPct;
        private InputPlan inputs = InputPlan.NONE;
        private boolean profileOps = false;

        private Builder(Path model) {
            this.model = model;
        }

        private Builder(BenchParams p) {
            this.model = p.model;
            this.runtime = p.runtime;
            this.delegate = p.delegate;
            this.threads = p.threads;
            this.warmupRuns = p.warmupRuns;
            this.warmupSeconds = p.warmupSeconds;
            this.runs = p.runs;
            this.minSeconds = p.minSeconds;
            this.maxSeconds = p.maxSeconds;
            this.inputShapes = p.inputShapes;
            this.seed = p.seed;
            this.onnxSpinning = p.onnxSpinning;
            this.edgeTpu = p.edgeTpu;
            this.requireFullDelegation = p.requireFullDelegation;
            this.sampleHz = p.sampleHz;
            this.cooldownToC = p.cooldownToC;
            this.cooldownMaxSeconds = p.cooldownMaxSeconds;
            this.measure = p.measure;
            this.energyAccuracyPct = p.energyAccuracyPct;
            this.inputs = p.inputs;
            this.profileOps = p.profileOps;
        }

        public Builder model(Path v) {
            this.model = v;
            return this;
        }

        public Builder runtime(RuntimeKind v) {
            this.runtime = v;
            return this;
        }

        public Builder delegate(Delegate v) {
            this.delegate = v;
            return this;
        }

        public Builder threads(int v) {
            this.threads = v;
            return this;
        }

        public Builder warmupRuns(int v) {
            this.warmupRuns = v;
            return this;
        }

        public Builder warmupSeconds(double v) {
            this.warmupSeconds = v;
            return this;
        }

        public Builder runs(int v) {
            this.runs = v;
            return this;
        }

        public Builder minSeconds(double v) {
            this.minSeconds = v;
            return this;
        }

        public Builder maxSeconds(double v) {
            this.maxSeconds = v;
            return this;
        }

        public Builder inputShapes(Map<String, List<Long>> v) {
            this.inputShapes = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder onnxSpinning(boolean v) {
            this.onnxSpinning = v;
            return this;
        }

        public Builder edgeTpu(EdgeTpuOptions v) {
            this.edgeTpu = v;
            return this;
        }

        public Builder requireFullDelegation(boolean v) {
            this.requireFullDelegation = v;
            return this;
        }

        public Builder sampleHz(double v) {
            this.sampleHz = v;
            return this;
        }

        public Builder cooldownToC(Double v) {
            this.cooldownToC = v;
            return this;
        }

        public Builder cooldownMaxSeconds(double v) {
            this.cooldownMaxSeconds = v;
            return this;
        }

        public Builder measure(MeasureOptions v) {
            this.measure = v;
            return this;
        }

        public Builder energyAccuracyPct(Double v) {
            this.energyAccuracyPct = v;
            return this;
        }

        public Builder inputs(InputPlan v) {
            this.inputs = v;
            return this;
        }

        public Builder profileOps(boolean v) {
            this.profileOps = v;
            return this;
        }

        public BenchParams build() {
            return new BenchParams(model, runtime, delegate, threads, warmupRuns, warmupSeconds, runs,
                    minSeconds, maxSeconds, inputShapes, seed, onnxSpinning, edgeTpu, requireFullDelegation, sampleHz,
                    cooldownToC, cooldownMaxSeconds, energyAccuracyPct, inputs, profileOps, measure);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

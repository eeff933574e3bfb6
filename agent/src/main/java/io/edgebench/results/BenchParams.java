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

    public BenchParams {
        Objects.requireNonNull(model, "model");
        inputShapes = inputShapes == null ? Map.of() : Map.copyOf(inputShapes);
        edgeTpu = edgeTpu == null ? EdgeTpuOptions.defaults() : edgeTpu;
        inputs = inputs == null ? InputPlan.NONE : inputs;
        measure = measure == null ? MeasureOptions.defaults() : measure;
        // the request schema's bounds, checked again before any native call for params built in code
        RequestSchema.check(BenchRequest.class, "threads", threads);
        RequestSchema.check(LaneOptions.class, "warmup_runs", warmupRuns);
        RequestSchema.check(LaneOptions.class, "warmup_seconds", warmupSeconds);
        RequestSchema.check(LaneOptions.class, "runs", runs);
        RequestSchema.check(LaneOptions.class, "min_seconds", minSeconds);
        RequestSchema.check(LaneOptions.class, "max_seconds", maxSeconds);
        RequestSchema.check(BenchRequest.class, "sample_hz", sampleHz);
        RequestSchema.check(BenchRequest.class, "cooldown_max_seconds", cooldownMaxSeconds);
        RequestSchema.check(BenchRequest.class, "cooldown_to_c", cooldownToC);
        RequestSchema.check(LaneOptions.class, "energy_accuracy_pct", energyAccuracyPct);
        if (minSeconds > maxSeconds) {
            throw new IllegalArgumentException(
                    "min_seconds [" + minSeconds + "] must not exceed max_seconds [" + maxSeconds + "]");
        }
        if (energyAccuracyPct != null && sampleHz == 0) {
            throw new IllegalArgumentException("energy_accuracy_pct [" + fmt(energyAccuracyPct) + "] needs"
                    + " telemetry: sample_hz is 0 (drop --no-telemetry, or set sample_hz, e.g. 50)");
        }
    }

    public BenchParams withInputs(InputPlan plan) {
        return toBuilder().inputs(plan).build();
    }

    /** The defaults: benchmark_model's counts (50 runs, at least 1 s, at most 150 s), 50 Hz telemetry. */
    public static BenchParams defaults(Path model) {
        return builder(model).build();
    }

    /** A builder holding the defaults (the request schema's, {@link LaneOptions#DEFAULTS}). */
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
        private int warmupRuns = LaneOptions.DEFAULTS.warmupRuns();
        private double warmupSeconds = LaneOptions.DEFAULTS.warmupSeconds();
        private int runs = LaneOptions.DEFAULTS.runs();
        private double minSeconds = LaneOptions.DEFAULTS.minSeconds();
        private double maxSeconds = LaneOptions.DEFAULTS.maxSeconds();
        private Map<String, List<Long>> inputShapes = Map.of();
        private long seed = LaneOptions.DEFAULTS.seed();
        private boolean onnxSpinning = BenchRequest.DEFAULTS.onnxSpinning();
        private EdgeTpuOptions edgeTpu = EdgeTpuOptions.defaults();
        private boolean requireFullDelegation = LaneOptions.DEFAULTS.requireFullDelegation();
        private double sampleHz = BenchRequest.DEFAULTS.sampleHz();
        private Double cooldownToC;
        private double cooldownMaxSeconds = BenchRequest.DEFAULTS.cooldownMaxSeconds();
        private MeasureOptions measure = MeasureOptions.defaults();
        private Double energyAccuracyPct;
        private InputPlan inputs = InputPlan.NONE;
        private boolean profileOps = LaneOptions.DEFAULTS.profileOps();

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
            return new BenchParams(
                    model,
                    runtime,
                    delegate,
                    threads,
                    warmupRuns,
                    warmupSeconds,
                    runs,
                    minSeconds,
                    maxSeconds,
                    inputShapes,
                    seed,
                    onnxSpinning,
                    edgeTpu,
                    requireFullDelegation,
                    sampleHz,
                    cooldownToC,
                    cooldownMaxSeconds,
                    energyAccuracyPct,
                    inputs,
                    profileOps,
                    measure);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

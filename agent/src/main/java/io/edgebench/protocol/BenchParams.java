package io.edgebench.protocol;

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
        double cooldownMaxSeconds) {

    public static final int MAX_RUNS = 100_000;
    public static final double MAX_SECONDS = 3600;

    public BenchParams {
        Objects.requireNonNull(model, "model");
        inputShapes = inputShapes == null ? Map.of() : Map.copyOf(inputShapes);
        edgeTpu = edgeTpu == null ? EdgeTpuOptions.defaults() : edgeTpu;
        check("threads", threads, 1, 256);
        check("warmup_runs", warmupRuns, 0, MAX_RUNS);
        check("warmup_seconds", warmupSeconds, 0, MAX_SECONDS);
        check("runs", runs, 1, MAX_RUNS);
        check("min_seconds", minSeconds, 0, MAX_SECONDS);
        check("max_seconds", maxSeconds, 0.001, MAX_SECONDS);
        check("sample_hz", sampleHz, 0, 1000);
        check("cooldown_max_seconds", cooldownMaxSeconds, 0, MAX_SECONDS);
        if (minSeconds > maxSeconds) {
            throw new IllegalArgumentException("min_seconds [" + minSeconds + "] must not exceed max_seconds ["
                    + maxSeconds + "]");
        }
        if (cooldownToC != null) {
            check("cooldown_to_c", cooldownToC, 20, 120);
        }
    }

    /** The defaults: benchmark_model's counts (50 runs, at least 1 s, at most 150 s), 50 Hz telemetry. */
    public static BenchParams defaults(Path model) {
        return new BenchParams(model, null, null, defaultThreads(), 5, 0.5, 50, 1.0, 150.0, Map.of(), 1L, false,
                EdgeTpuOptions.defaults(), false, 50.0, null, 300.0);
    }

    /** All cores up to 4: what a board deployment would use, and what Pi 4/5 and Coral boards have. */
    public static int defaultThreads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " [" + value + "] must be " + fmt(min) + ".." + fmt(max));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

package io.edgebench.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of one benchmark, exactly as it is written to {@code --json} files and published over MQTT
 * (snake_case keys via json.Json, units in every name). Measurement fields are null (left out) when the run failed
 * before producing them.
 *
 * @param loadUs reading and verifying the model file
 * @param initUs building the interpreter or session (delegates applied, tensors allocated)
 * @param runs timed (steady-state) inferences
 * @param timedWindow the timed loop as System.nanoTime() values of the worker (CLOCK_MONOTONIC on Linux)
 * @param peakRssBytes VmHWM of the worker process, the only process that held the model
 * @param edgetpu the Edge TPU that ran it (device, performance, libedgetpu version); null for other delegates
 * @param warnings what did not stop the run but may spoil the numbers (ModelSession.warnings()), e.g. nothing
 *     delegated to the Edge TPU, or a libedgetpu not known to match this TFLite
 * @param errorKind why a run failed: model, unavailable, crash, timeout, out_of_memory, cancelled, internal
 * @param stderrTail the worker's last stderr lines, when the run failed
 */
public record BenchResult(
        int schemaVersion,
        ModelRef model,
        RuntimeKind runtime,
        String runtimeVersion,
        Delegate delegate,
        int threads,
        long seed,
        Long loadUs,
        Long initUs,
        Long firstInferenceUs,
        Warmup warmup,
        Long runs,
        LatencyStats latencyUs,
        Double throughputIps,
        Long peakRssBytes,
        Delegation delegation,
        EdgeTpuInfo edgetpu,
        List<InputShape> inputs,
        Host host,
        TimedWindow timedWindow,
        Status status,
        String error,
        String errorKind,
        boolean valid,
        List<String> invalidReasons,
        List<String> warnings,
        TelemetrySummary telemetry,
        List<String> stderrTail) {

    public static final int SCHEMA_VERSION = 1;

    public BenchResult {
        Objects.requireNonNull(status, "status");
        invalidReasons = invalidReasons == null ? List.of() : List.copyOf(invalidReasons);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        inputs = inputs == null ? null : List.copyOf(inputs);
        stderrTail = stderrTail == null ? null : List.copyOf(stderrTail);
        if (status != Status.OK && error == null) {
            throw new IllegalArgumentException("a result with status [" + status.id() + "] needs an error message");
        }
    }

    /** Outcome of a run. */
    public enum Status {
        OK,
        FAILED,
        CANCELLED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The model file: path as given, sha256 of its bytes, format sniffed from its header ("tflite" or "onnx"). */
    public record ModelRef(String path, String sha256, String format) {}

    /** Warm-up runs after the first inference, and their mean. */
    public record Warmup(long runs, double meanUs) {}

    /** The input tensors as fed: name, dtype and the concrete shape used. */
    public record InputShape(String name, String dtype, List<Long> shape) {
        public InputShape {
            shape = List.copyOf(shape);
        }
    }

    /** The machine: os.arch, online CPUs, kernel release. */
    public record Host(String arch, int cpus, String kernel) {
        public static Host current() {
            return new Host(System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.version"));
        }
    }

    /** System.nanoTime() at the start and end of the timed loop, in the worker. */
    public record TimedWindow(long startNs, long endNs) {
        public TimedWindow {
            if (endNs < startNs) {
                throw new IllegalArgumentException("timed window end [" + endNs + "] before start [" + startNs + "]");
            }
        }
    }

    public boolean ok() {
        return status == Status.OK;
    }
}

package io.edgebench.results;

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
 * @param opProfile per-operator and per-op-type times from a separate profiled pass (--profile-ops)
 * @param conditions interference during the timed window, rate and --until-ci outcomes, the CPUs used
 * @param loadRssBytes the worker's RSS after opening the model minus its RSS just before: what the model, its
 *     session and the runtime's native libraries added to a JVM that was already running (the peak also counts
 *     the JVM itself); null where /proc is absent
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
        List<String> stderrTail,
        OpProfile opProfile,
        RunConditions conditions,
        Long loadRssBytes) {

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

    /** A builder with no measurement (the state of a run that failed early); build() validates. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schemaVersion = schemaVersion;
        b.model = model;
        b.runtime = runtime;
        b.runtimeVersion = runtimeVersion;
        b.delegate = delegate;
        b.threads = threads;
        b.seed = seed;
        b.loadUs = loadUs;
        b.initUs = initUs;
        b.firstInferenceUs = firstInferenceUs;
        b.warmup = warmup;
        b.runs = runs;
        b.latencyUs = latencyUs;
        b.throughputIps = throughputIps;
        b.peakRssBytes = peakRssBytes;
        b.delegation = delegation;
        b.edgetpu = edgetpu;
        b.inputs = inputs;
        b.host = host;
        b.timedWindow = timedWindow;
        b.status = status;
        b.error = error;
        b.errorKind = errorKind;
        b.valid = valid;
        b.invalidReasons = invalidReasons;
        b.warnings = warnings;
        b.telemetry = telemetry;
        b.stderrTail = stderrTail;
        b.opProfile = opProfile;
        b.conditions = conditions;
        b.loadRssBytes = loadRssBytes;
        return b;
    }

    /** Builds a BenchResult field by field: measurement fields left unset stay null (left out of the JSON). */
    public static final class Builder {
        private int schemaVersion = SCHEMA_VERSION;
        private ModelRef model;
        private RuntimeKind runtime;
        private String runtimeVersion;
        private Delegate delegate;
        private int threads;
        private long seed;
        private Long loadUs;
        private Long initUs;
        private Long firstInferenceUs;
        private Warmup warmup;
        private Long runs;
        private LatencyStats latencyUs;
        private Double throughputIps;
        private Long peakRssBytes;
        private Delegation delegation;
        private EdgeTpuInfo edgetpu;
        private List<InputShape> inputs;
        private Host host;
        private TimedWindow timedWindow;
        private Status status = Status.OK;
        private String error;
        private String errorKind;
        private boolean valid = true;
        private List<String> invalidReasons;
        private List<String> warnings;
        private TelemetrySummary telemetry;
        private List<String> stderrTail;
        private OpProfile opProfile;
        private RunConditions conditions;
        private Long loadRssBytes;

        private Builder() {}

        public Builder model(ModelRef v) {
            this.model = v;
            return this;
        }

        public Builder runtime(RuntimeKind v) {
            this.runtime = v;
            return this;
        }

        public Builder runtimeVersion(String v) {
            this.runtimeVersion = v;
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

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder loadUs(Long v) {
            this.loadUs = v;
            return this;
        }

        public Builder initUs(Long v) {
            this.initUs = v;
            return this;
        }

        public Builder firstInferenceUs(Long v) {
            this.firstInferenceUs = v;
            return this;
        }

        public Builder warmup(Warmup v) {
            this.warmup = v;
            return this;
        }

        public Builder runs(Long v) {
            this.runs = v;
            return this;
        }

        public Builder latencyUs(LatencyStats v) {
            this.latencyUs = v;
            return this;
        }

        public Builder throughputIps(Double v) {
            this.throughputIps = v;
            return this;
        }

        public Builder peakRssBytes(Long v) {
            this.peakRssBytes = v;
            return this;
        }

        public Builder delegation(Delegation v) {
            this.delegation = v;
            return this;
        }

        public Builder edgetpu(EdgeTpuInfo v) {
            this.edgetpu = v;
            return this;
        }

        public Builder inputs(List<InputShape> v) {
            this.inputs = v;
            return this;
        }

        public Builder host(Host v) {
            this.host = v;
            return this;
        }

        public Builder timedWindow(TimedWindow v) {
            this.timedWindow = v;
            return this;
        }

        public Builder status(Status v) {
            this.status = v;
            return this;
        }

        public Builder error(String v) {
            this.error = v;
            return this;
        }

        public Builder errorKind(String v) {
            this.errorKind = v;
            return this;
        }

        /** The kind as its wire id (the result keeps the string a newer agent may extend). */
        public Builder errorKind(ErrorKind v) {
            this.errorKind = v == null ? null : v.id();
            return this;
        }

        public Builder valid(boolean v) {
            this.valid = v;
            return this;
        }

        public Builder invalidReasons(List<String> v) {
            this.invalidReasons = v;
            return this;
        }

        public Builder warnings(List<String> v) {
            this.warnings = v;
            return this;
        }

        public Builder telemetry(TelemetrySummary v) {
            this.telemetry = v;
            return this;
        }

        public Builder stderrTail(List<String> v) {
            this.stderrTail = v;
            return this;
        }

        public Builder opProfile(OpProfile v) {
            this.opProfile = v;
            return this;
        }

        public Builder conditions(RunConditions v) {
            this.conditions = v;
            return this;
        }

        public Builder loadRssBytes(Long v) {
            this.loadRssBytes = v;
            return this;
        }

        public BenchResult build() {
            return new BenchResult(
                    schemaVersion,
                    model,
                    runtime,
                    runtimeVersion,
                    delegate,
                    threads,
                    seed,
                    loadUs,
                    initUs,
                    firstInferenceUs,
                    warmup,
                    runs,
                    latencyUs,
                    throughputIps,
                    peakRssBytes,
                    delegation,
                    edgetpu,
                    inputs,
                    host,
                    timedWindow,
                    status,
                    error,
                    errorKind,
                    valid,
                    invalidReasons,
                    warnings,
                    telemetry,
                    stderrTail,
                    opProfile,
                    conditions,
                    loadRssBytes);
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
    public record ModelRef(String path, String sha256, ModelFormat format) {}

    /** Warm-up runs after the first inference, and their mean. */
    public record Warmup(long runs, double meanUs) {}

    /**
     * The input tensors as fed: name, dtype, the concrete shape used and where the values came from (seed, file
     * name and sha256, image, value or range; null in results written before inputs could be chosen).
     */
    public record InputShape(String name, String dtype, List<Long> shape, InputUse source) {
        public InputShape {
            shape = List.copyOf(shape);
        }

        public InputShape(String name, String dtype, List<Long> shape) {
            this(name, dtype, shape, null);
        }
    }

    /** The machine: os.arch, online CPUs, kernel release. */
    public record Host(String arch, int cpus, String kernel) {
        public static Host current() {
            return new Host(
                    System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors(),
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

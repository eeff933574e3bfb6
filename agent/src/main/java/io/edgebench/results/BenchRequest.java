package io.edgebench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bench request: the MQTT {@code bench} payload, the `edgebench bench` command line and what `edgebench send
 * bench` writes, one schema for the three (docs/mqtt.md, "bench fields"). Null components were not given.
 *
 * @param model a file name in the agent's models dir over MQTT, a path on the CLI
 */
public record BenchRequest(
        @Field(
                wireOnly = "the CLI runs the job itself; over MQTT a client may name it",
                doc = "Client-chosen job id (1-64 of A-Z a-z 0-9 . _ -); default: assigned by the agent.")
        String jobId,

        @Field(flag = "MODEL", doc = "The model: a .tflite or .onnx file.")
        String model,

        @Field(flag = "--runtime", doc = "tflite or onnx. Default: from the model's format.")
        String runtime,

        @Field(
                flag = "--delegate",
                doc = "TFLite: cpu (builtin kernels), xnnpack (default) or edgetpu (Coral);" + " ONNX Runtime: cpu.")
        String delegate,

        @Field(flag = "--threads", min = 1, max = 256, doc = "Intra-op threads. Default: all cores up to 4.")
        Integer threads,

        @Field(
                flag = "--input-shape",
                form = CliForm.NAMED_SHAPE,
                min = 1,
                max = 1_000_000,
                maxItems = 64,
                expect = "an object mapping input names to arrays of 1..8 dims 1..1000000",
                doc = "Concrete shape for an input with dynamic dims, NAME=1x3x224x224.")
        Map<String, List<Long>> inputShapes,

        @Field(
                flag = "--spinning",
                dflt = "true",
                doc = "ONNX Runtime: intra-op threads spin between runs (ONNX Runtime's default); --no-spinning sets"
                        + " allow_spinning=0 (less CPU and board power between runs, higher latency).")
        Boolean onnxSpinning,

        @Field(
                flag = "--sample-hz",
                min = 0,
                max = 1000,
                dflt = "50",
                doc = "Telemetry sampling rate (Hz); 0 turns telemetry off.")
        Double sampleHz,

        @Field(
                flag = "--cooldown-to-c",
                min = 20,
                max = 120,
                doc = "Before the run, wait until the hottest temperature sensor is at or below C.")
        Double cooldownToC,

        @Field(
                flag = "--cooldown-max-seconds",
                min = 0,
                max = 3600,
                dflt = "300",
                doc = "Give up the cooldown wait after this many seconds (the run is then marked invalid).")
        Double cooldownMaxSeconds,

        @Field(
                flag = "--rate",
                min = 0.1,
                max = 100_000,
                doc = "Fixed-rate arrivals (Hz) instead of back-to-back"
                        + " runs; latency counts from the scheduled arrival, missed deadlines are counted.")
        Double rateHz,

        @Field(
                flag = "--poisson",
                dflt = "false",
                doc = "With a rate: Poisson arrivals (exponential gaps, seeded by the seed).")
        Boolean poisson,

        @Field.Flat LaneOptions lane) {

    public static final BenchRequest DEFAULTS = RequestSchema.defaults(BenchRequest.class);

    /**
     * The benchmark this request asks for, on {@code modelPath}; BenchParams checks what crosses fields.
     *
     * @param voice how errors name fields
     */
    public BenchParams params(Path modelPath, RequestSchema.Voice voice) {
        checkShapes();
        BenchRequest r = RequestSchema.withDefaults(this, DEFAULTS);
        return lane.params(modelPath, rateHz, r.poisson, voice)
                .runtime(runtime == null ? null : RuntimeKind.parse(runtime))
                .delegate(delegate == null ? null : Delegate.parse(delegate))
                .threads(threads == null ? BenchParams.defaultThreads() : threads)
                .inputShapes(inputShapes)
                .onnxSpinning(r.onnxSpinning)
                .sampleHz(r.sampleHz)
                .cooldownToC(cooldownToC)
                .cooldownMaxSeconds(r.cooldownMaxSeconds)
                .build();
    }

    /** The input shapes' dims count (the schema bounds each dim, not how many there are). */
    private void checkShapes() {
        if (inputShapes != null && inputShapes.values().stream().anyMatch(d -> d.isEmpty() || d.size() > 8)) {
            throw new RequestSchema.Invalid(
                    RequestSchema.entry(BenchRequest.class, "input_shapes"),
                    RequestSchema.truncate(String.valueOf(inputShapes)));
        }
    }
}

package io.edgebench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options that shape every lane of a run, shared by {@link BenchRequest} and {@link CompareRequest} (flat in
 * their JSON, one CLI flag each). A null component was not given: {@link #DEFAULTS} holds what applies then.
 */
public record LaneOptions(
        @Field(
                flag = "--warmup-runs",
                min = 0,
                max = 100_000,
                dflt = "5",
                doc = "Untimed runs before the timed ones, at least.")
        Integer warmupRuns,

        @Field(
                flag = "--warmup-seconds",
                min = 0,
                max = 3600,
                dflt = "0.5",
                doc = "Warm up at least this long (seconds).")
        Double warmupSeconds,

        @Field(flag = "--runs", min = 1, max = BenchParams.MAX_RUNS, dflt = "50", doc = "Timed runs, at least.")
        Integer runs,

        @Field(flag = "--min-seconds", min = 0, max = 3600, dflt = "1", doc = "Time at least this long (seconds).")
        Double minSeconds,

        @Field(
                flag = "--max-seconds",
                min = 0.001,
                max = 3600,
                dflt = "150",
                doc = "Stop timing after this long (seconds) whatever the count.")
        Double maxSeconds,

        @Field(
                flag = "--seed",
                dflt = "1",
                doc = "Seed of the random inputs; compare's agreement inputs use seeds SEED..SEED+N-1.")
        Long seed,

        @Field(
                flag = "--require-full-delegation",
                dflt = "false",
                doc = "Fail when any op of an Edge TPU run stays on the CPU (\"CPU fallback detected: N of M ops\").")
        Boolean requireFullDelegation,

        @Field(
                flag = "--energy-accuracy",
                min = 0.1,
                max = 100,
                doc = "Keep timing (never past max seconds) until energy per inference is known to PCT % (95 %"
                        + " uncertainty); needs telemetry.")
        Double energyAccuracyPct,

        @Field(
                flag = "--until-ci",
                min = 0.1,
                max = 50,
                doc = "After runs and min seconds, keep timing until the p50's 95 % CI half-width is within PCT %"
                        + " of the p50 (or max seconds).")
        Double untilCiPct,

        @Field(
                flag = "--cpus",
                form = CliForm.CPU_LIST,
                min = 0,
                max = MeasureOptions.MAX_CPU,
                maxItems = 256,
                doc = "Pin the worker to these CPUs (sched_setaffinity), e.g. 0-1 or 2,3.")
        List<Integer> cpus,

        @Field(
                flag = "--max-other-core-pct",
                min = 0,
                max = 100_000,
                dflt = "10",
                doc = "Mark the run invalid when other processes used more than PCT % of one core during the timed"
                        + " window (or steal was as high, or the CPU frequency moved).")
        Double maxOtherCorePct,

        @Field(
                flag = "--edgetpu-device",
                doc = "Edge TPU runs: usb, pci, usb:N, pci:N or :N (N-th device)." + " Default: the first found.")
        String edgetpuDevice,

        @Field(
                flag = "--edgetpu-performance",
                dflt = "\"max\"",
                doc = "Edge TPU runs: libedgetpu's clock setting, max, high, medium or low.")
        String edgetpuPerformance,

        @Field(
                wireOnly = "carries libedgetpu's USB options besides device and performance, which the CLI sets with"
                        + " the flat --edgetpu-* flags",
                expect = "an object {device, performance, usb_always_dfu," + " usb_max_bulk_in_queue_length 0..255}",
                doc = "All Edge TPU options as one object.")
        EdgeTpuOptions edgeTpu,

        @Field(
                flag = "--input",
                form = CliForm.UNNAMED,
                doc = "Values for the model's only input from a file (.npy, .bin, an image).")
        String input,

        @Field(
                flag = "--input",
                form = CliForm.NAMED,
                maxItems = 64,
                expect = "an object mapping input names to" + " file names",
                doc = "Values for input NAME from a file.")
        Map<String, String> inputs,

        @Field(
                flag = "--input-value",
                form = CliForm.NAMED,
                maxItems = 64,
                expect = "an object mapping input" + " names to numbers, e.g. {\"sr\":16000}",
                doc = "Fill input NAME with one value.")
        Map<String, Double> inputValues,

        @Field(
                flag = "--input-range",
                form = CliForm.NAMED_PAIR,
                maxItems = 64,
                expect = "an object mapping input" + " names to two numbers [LO, HI]",
                doc = "Seeded uniform values in [LO, HI] for input NAME.")
        Map<String, List<Double>> inputRanges,

        @Field(
                flag = "--input-scale",
                form = CliForm.UNNAMED_PAIR,
                maxItems = 2,
                expect = "two numbers [MEAN, STD]",
                doc = "Image pixels p become (p - MEAN) / STD. Default: 127.5,127.5.")
        List<Double> inputScale,

        @Field(
                flag = "--input-scale",
                form = CliForm.NAMED_PAIR,
                maxItems = 64,
                expect = "an object mapping input" + " names to two numbers [MEAN, STD]",
                doc = "The pixel scaling of input NAME.")
        Map<String, List<Double>> inputScales,

        @Field(
                flag = "--profile-ops",
                dflt = "false",
                doc = "After the timed loop, a separate profiled pass: time,"
                        + " share and count per operator and op type.")
        Boolean profileOps) {

    /** Every option at its default. */
    public static final LaneOptions DEFAULTS = RequestSchema.defaults(LaneOptions.class);
    /** Nothing given: every option takes its default. */
    public static final LaneOptions NONE = RequestSchema.of(LaneOptions.class, Map.of());

    /** The options of a writer that sets only the timed runs (the demo). */
    public static LaneOptions runs(int runs) {
        return RequestSchema.of(LaneOptions.class, Map.of("runs", runs));
    }

    /**
     * A BenchParams builder for {@code model} holding these options (defaults where not given).
     *
     * @param rateHz bench's arrival rate (compare has none)
     */
    BenchParams.Builder params(Path model, Double rateHz, boolean poisson, RequestSchema.Voice voice) {
        LaneOptions o = RequestSchema.withDefaults(this, DEFAULTS);
        return BenchParams.builder(model)
                .warmupRuns(o.warmupRuns)
                .warmupSeconds(o.warmupSeconds)
                .runs(o.runs)
                .minSeconds(o.minSeconds)
                .maxSeconds(o.maxSeconds)
                .seed(o.seed)
                .edgeTpu(edgeTpuOptions(voice))
                .requireFullDelegation(o.requireFullDelegation)
                .energyAccuracyPct(o.energyAccuracyPct)
                .inputs(plan())
                .profileOps(o.profileOps)
                .measure(new MeasureOptions(
                        untilCiPct, rateHz, poisson, cpus, o.maxOtherCorePct, VerdictOptions.defaults()));
    }

    /**
     * The Edge TPU options: the flat fields (the CLI's flags) or the edge_tpu object, which also carries the USB
     * options; one option set both ways is rejected.
     */
    EdgeTpuOptions edgeTpuOptions(RequestSchema.Voice voice) {
        EdgeTpuOptions base = edgeTpu == null ? new EdgeTpuOptions(null, null, false, 0) : edgeTpu;
        if (edgetpuDevice != null && base.device() != null
                || edgetpuPerformance != null && base.performance() != null) {
            String what = edgetpuDevice != null ? "device" : "performance";
            throw new IllegalArgumentException("give the Edge TPU " + what + " once: either field \"edgetpu_" + what
                    + "\" or inside \"edge_tpu\", not both");
        }
        if (base.usbMaxBulkInQueueLength() < 0 || base.usbMaxBulkInQueueLength() > 255) {
            throw new IllegalArgumentException("field \"edge_tpu.usb_max_bulk_in_queue_length\" must be an integer"
                    + " 0..255, got [" + base.usbMaxBulkInQueueLength() + "]");
        }
        return new EdgeTpuOptions(
                edgetpuDevice != null
                        ? EdgeTpuOptions.checkDevice(voice.name(LaneOptions.class, "edgetpu_device"), edgetpuDevice)
                        : EdgeTpuOptions.checkDevice("field \"edge_tpu.device\"", base.device()),
                edgetpuPerformance != null
                        ? EdgeTpuOptions.checkPerformance(
                                voice.name(LaneOptions.class, "edgetpu_performance"), edgetpuPerformance)
                        : EdgeTpuOptions.checkPerformance("field \"edge_tpu.performance\"", base.performance()),
                base.usbAlwaysDfu(),
                base.usbMaxBulkInQueueLength());
    }

    /** The chosen inputs; file fields are paths on the CLI and plain names (checked by the agent) over MQTT. */
    public InputPlan plan() {
        List<InputSource> sources = new ArrayList<>();
        if (input != null) {
            sources.add(InputSource.file(null, Path.of(input)));
        }
        orEmpty(inputs).forEach((name, file) -> sources.add(InputSource.file(name, Path.of(file))));
        orEmpty(inputValues).forEach((name, v) -> sources.add(InputSource.value(name, v)));
        orEmpty(inputRanges)
                .forEach((name, lh) ->
                        sources.add(InputSource.range(name, pair("input_ranges", lh)[0], pair("input_ranges", lh)[1])));
        List<InputScale> scales = new ArrayList<>();
        if (inputScale != null) {
            scales.add(new InputScale(null, pair("input_scale", inputScale)[0], pair("input_scale", inputScale)[1]));
        }
        orEmpty(inputScales)
                .forEach((name, ms) ->
                        scales.add(new InputScale(name, pair("input_scales", ms)[0], pair("input_scales", ms)[1])));
        return new InputPlan(sources, scales);
    }

    /** Every file name the request gives (for the agent's plain-name check). */
    public List<String> fileNames() {
        List<String> out = new ArrayList<>(orEmpty(inputs).values());
        if (input != null) {
            out.add(0, input);
        }
        return out;
    }

    private static double[] pair(String field, List<Double> v) {
        if (v.size() != 2) {
            throw new IllegalArgumentException("field \"" + field + "\" must give two numbers, e.g. [-1, 1]; got " + v);
        }
        return new double[] {v.get(0), v.get(1)};
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }
}

package io.edgebench.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import io.edgebench.results.BenchParams;
import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.Lane;
import io.edgebench.results.RuntimeKind;

/**
 * Turns a command topic's verb and payload into a validated {@link Command}, or a {@link CommandRejectedException}
 * whose message says what, [the value], what was expected, and gives an example. Pure: no I/O, thread-safe.
 */
public final class CommandParser {
    /** Every verb except models/put: a request is a handful of fields. */
    public static final int MAX_SMALL_PAYLOAD_BYTES = 64 * 1024;
    /** Decoded bytes per models/put part: a 64 MiB model is 128 parts, and no part needs more than ~3 MiB of heap. */
    public static final int MAX_PART_BYTES = 512 * 1024;
    /**
     * The largest MQTT packet the agent takes (sent as Maximum Packet Size in CONNECT): a models/put part in base64
     * plus its fields, topic and properties. Anything larger never reaches the agent's heap.
     */
    public static final long MAX_PACKET_BYTES = 1024 * 1024;
    static final int MAX_COMPARE_MODELS = 8;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> BENCH_FIELDS = Set.of("job_id", "model", "runtime", "delegate", "threads",
            "warmup_runs", "warmup_seconds", "runs", "min_seconds", "max_seconds", "input_shapes", "seed",
            "onnx_spinning", "require_full_delegation", "sample_hz", "cooldown_to_c", "cooldown_max_seconds",
            "edge_tpu", "edgetpu_device", "edgetpu_performance", "energy_accuracy_pct", "until_ci_pct", "rate_hz",
            "poisson", "cpus", "max_other_core_pct");
    /** The fields of `edgebench compare` (snake_case) plus the bench fields that shape every lane (Edge TPU ones too). */
    private static final Set<String> COMPARE_FIELDS = Set.of("job_id", "models", "delegates", "threads", "runs",
            "warmup_runs", "min_seconds", "max_seconds", "seed", "agreement_inputs", "tolerance", "min_top1",
            "edge_tpu", "edgetpu_device", "edgetpu_performance", "require_full_delegation", "sample_hz",
            "energy_accuracy_pct", "until_ci_pct", "cpus", "max_other_core_pct");
    static final int MAX_COMPARE_DELEGATES = 4;
    /** Each input is one inference per lane in a worker; 1000 keeps a job's agreement phase to minutes. */
    static final int MAX_AGREEMENT_INPUTS = 1000;
    private static final String DEFAULT_COMPARE_DELEGATES = "tflite:cpu,tflite:xnnpack,onnx:cpu";
    private static final Map<String, String> EXAMPLES = Map.of(
            Topics.PING, "{}",
            Topics.SENSORS, "{}",
            Topics.MODELS_LIST, "{}",
            Topics.INSPECT, "{\"model\":\"ssd.tflite\"}",
            Topics.BENCH, "{\"model\":\"ssd.tflite\",\"runs\":50}",
            Topics.COMPARE, "{\"models\":[\"m.tflite\",\"m.onnx\"],\"delegates\":[\"tflite:xnnpack\",\"onnx:cpu\"],\"runs\":50}",
            Topics.CANCEL, "{\"job_id\":\"20261127T043000-1a2b3c4d\"}",
            Topics.MODELS_PUT, "{\"name\":\"m.tflite\",\"size_bytes\":3,\"sha256\":\"<64 hex>\",\"data_base64\":\"AAEC\"}",
            Topics.MODELS_DELETE, "{\"name\":\"m.tflite\"}",
            Topics.INPUTS_PUT, "{\"name\":\"cat.png\",\"size_bytes\":3,\"sha256\":\"<64 hex>\",\"data_base64\":\"AAEC\"}");

    private final long maxModelBytes;

    /** @param maxModelBytes the largest model models/put accepts (decoded bytes). */
    public CommandParser(long maxModelBytes) {
        this.maxModelBytes = maxModelBytes;
    }

    /** The largest payload accepted for a verb: models/put carries a base64 model, everything else is small. */
    public long maxPayloadBytes(String verb) {
        // inputs/put is one message: like a models/put part it must fit the agent's Maximum Packet Size
        return Topics.MODELS_PUT.equals(verb) || Topics.INPUTS_PUT.equals(verb)
                ? (MAX_PART_BYTES + 2) / 3 * 4 + MAX_SMALL_PAYLOAD_BYTES
                : MAX_SMALL_PAYLOAD_BYTES;
    }

    public Command parse(String verb, byte[] payload) throws CommandRejectedException {
        if (!EXAMPLES.containsKey(verb)) {
            throw new CommandRejectedException(Topics.ERR_UNKNOWN_VERB, "Command [" + RequestFields.truncate(verb)
                    + "] rejected: unknown verb. Expected one of " + String.join(", ", Topics.VERBS) + ".");
        }
        if (payload.length > maxPayloadBytes(verb)) {
            throw new CommandRejectedException(Topics.ERR_TOO_LARGE, "Command [" + verb + "] rejected: payload of "
                    + payload.length + " bytes exceeds the limit of " + maxPayloadBytes(verb) + " bytes.");
        }
        RequestFields f = new RequestFields(verb, readObject(verb, payload), EXAMPLES.get(verb));
        return switch (verb) {
            case Topics.PING -> empty(f, new Command.Ping());
            case Topics.SENSORS -> empty(f, new Command.Sensors());
            case Topics.MODELS_LIST -> empty(f, new Command.ModelsList());
            case Topics.INSPECT -> inspect(f);
            case Topics.BENCH -> bench(f, verb);
            case Topics.COMPARE -> compare(f);
            case Topics.CANCEL -> cancel(f);
            case Topics.MODELS_PUT -> put(f);
            case Topics.INPUTS_PUT -> putInput(f);
            case Topics.MODELS_DELETE -> delete(f);
            default -> throw new IllegalStateException("verb without parser: " + verb);
        };
    }

    private static ObjectNode readObject(String verb, byte[] payload) throws CommandRejectedException {
        String text = StrictJson.utf8(verb, payload, EXAMPLES.get(verb));
        if (text.isBlank()) {
            text = "{}";
        }
        JsonNode node;
        try {
            node = StrictJson.READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw CommandRejectedException.badRequest(verb, "payload is not valid JSON ("
                    + RequestFields.truncate(e.getOriginalMessage()) + ")", EXAMPLES.get(verb));
        }
        StrictJson.checkStrings(verb, node, EXAMPLES.get(verb));
        if (!(node instanceof ObjectNode obj)) {
            throw CommandRejectedException.badRequest(verb, "payload must be a JSON object, got ["
                    + RequestFields.truncate(String.valueOf(node)) + "]", EXAMPLES.get(verb));
        }
        return obj;
    }

    private static Command empty(RequestFields f, Command c) throws CommandRejectedException {
        f.allowOnly(Set.of());
        return c;
    }

    private static Command inspect(RequestFields f) throws CommandRejectedException {
        f.allowOnly(Set.of("model"));
        return new Command.Inspect(f.modelName("model"));
    }

    private static Command cancel(RequestFields f) throws CommandRejectedException {
        f.allowOnly(Set.of("job_id"));
        return new Command.Cancel(jobId(f, true));
    }

    private static Command delete(RequestFields f) throws CommandRejectedException {
        f.allowOnly(Set.of("name"));
        return new Command.ModelsDelete(f.modelName("name"));
    }

    /** inputs/put: the same checks as models/put (plain name, size, sha256, base64), bounded by max_model_bytes. */
    private Command putInput(RequestFields f) throws CommandRejectedException {
        Command.ModelsPut p = (Command.ModelsPut) put(f);
        return new Command.InputsPut(p.name(), p.sizeBytes(), p.sha256(), p.data());
    }

    private Command put(RequestFields f) throws CommandRejectedException {
        f.allowOnly(Set.of("name", "size_bytes", "sha256", "offset", "data_base64"));
        String name = f.modelName("name");
        long size = f.integer("size_bytes", 1, maxModelBytes, -1);
        if (size < 0) {
            throw f.reject("field \"size_bytes\" is required");
        }
        String sha = f.string("sha256", true);
        if (!SHA256.matcher(sha).matches()) {
            throw f.reject("field \"sha256\" must be 64 lower-case hex digits, got [" + RequestFields.truncate(sha) + "]");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(f.string("data_base64", true));
        } catch (IllegalArgumentException e) {
            throw f.reject("field \"data_base64\" is not valid base64 (" + e.getMessage() + ")");
        }
        long offset = f.integer("offset", 0, size - 1, 0);
        if (data.length == 0 || data.length > MAX_PART_BYTES || offset + data.length > size) {
            throw f.reject("field \"data_base64\" decodes to " + data.length + " bytes at offset [" + offset
                    + "]; a part must hold 1.." + MAX_PART_BYTES + " bytes inside size_bytes [" + size + "]"
                    + " (send larger models in parts: offset 0, " + MAX_PART_BYTES + ", ...; `edgebench send"
                    + " models/put file=PATH` does)");
        }
        return new Command.ModelsPut(name, size, sha, offset, data);
    }

    private static Command bench(RequestFields f, String verb) throws CommandRejectedException {
        f.allowOnly(union(BENCH_FIELDS, InputFields.FIELDS));
        String model = f.modelName("model");
        return new Command.Bench(jobId(f, false), params(f, model, null).withMeasure(MeasureFields.of(f)), f.node());
    }

    /** Mirrors `edgebench compare`'s options; bench fields a comparison does not vary are not accepted. */
    private static Command compare(RequestFields f) throws CommandRejectedException {
        f.allowOnly(union(COMPARE_FIELDS, union(InputFields.FIELDS, Set.of("match"))));
        List<String> models = f.modelNames("models", MAX_COMPARE_MODELS);
        List<Lane.Choice> choices = choices(f);
        int inputs = (int) f.integer("agreement_inputs", 1, MAX_AGREEMENT_INPUTS, 20);
        double tolerance = f.number("tolerance", 0, 1e6, 1e-4);
        double minTop1 = f.number("min_top1", 0, 1, 1.0);
        List<Integer> sweep = MeasureFields.threads(f);
        BenchParams p = (sweep.isEmpty() ? params(f, models.get(0), BenchParams.COMPARE_SAMPLE_HZ)
                : paramsWithout(f, models.get(0), "threads")
                .withThreads(sweep.get(0))).withMeasure(MeasureFields.of(f));
        // seeds 1..N as the CLI uses, or seed..seed+N-1 when the request names a seed
        long first = f.has("seed") ? p.seed() : 1;
        if (first > Long.MAX_VALUE - inputs) {
            throw f.reject("field \"seed\" must leave room for agreement_inputs seeds after it, got [" + first + "]");
        }
        List<Long> seeds = LongStream.range(first, first + inputs).boxed().toList();
        return new Command.Compare(jobId(f, false), models, choices, p, seeds, tolerance, minTop1, f.node(),
                InputFields.matches(f), sweep);
    }

    private static List<Lane.Choice> choices(RequestFields f) throws CommandRejectedException {
        JsonNode v = f.raw("delegates");
        if (v == null || v.isNull()) {
            return Lane.Choice.parseList(DEFAULT_COMPARE_DELEGATES);
        }
        String expected = "field \"delegates\" must be an array of 1.." + MAX_COMPARE_DELEGATES
                + " runtime:delegate strings (tflite:cpu, tflite:xnnpack, tflite:edgetpu, onnx:cpu)";
        if (!v.isArray() || v.isEmpty() || v.size() > MAX_COMPARE_DELEGATES) {
            throw f.reject(expected + ", got [" + RequestFields.truncate(v.toString()) + "]");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.textValue().contains(",")) {
                throw f.reject(expected + ", got [" + RequestFields.truncate(item.toString()) + "]");
            }
            items.add(item.textValue());
        }
        try {
            return Lane.Choice.parseList(String.join(",", items));
        } catch (IllegalArgumentException e) {
            // parseList speaks of the CLI's --delegates option; name the request field instead
            throw f.reject(expected + "; " + e.getMessage().replace("--delegates item", "item"));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    private static String jobId(RequestFields f, boolean required) throws CommandRejectedException {
        String id = f.string("job_id", required);
        if (id != null && !Topics.ID.matcher(id).matches()) {
            throw f.reject("field \"job_id\" must be 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or"
                    + " digit, got [" + RequestFields.truncate(id) + "]");
        }
        return id;
    }

    /** params() reading a copy of the request without {@code field} (compare's threads array, read separately). */
    private static BenchParams paramsWithout(RequestFields f, String model, String field)
            throws CommandRejectedException {
        return params(f.without(field), model, BenchParams.COMPARE_SAMPLE_HZ);
    }

    /** @param sampleHzDefault sample_hz when the request has none; null: bench's default */
    private static BenchParams params(RequestFields f, String model, Double sampleHzDefault)
            throws CommandRejectedException {
        BenchParams d = BenchParams.defaults(Path.of(model));
        try {
            return BenchParams.builder(Path.of(model))
                    .runtime(f.has("runtime") ? RuntimeKind.parse(f.string("runtime", false)) : null)
                    .delegate(f.has("delegate") ? Delegate.parse(f.string("delegate", false)) : null)
                    .threads(f.count(BenchParams.THREADS, d.threads()))
                    .warmupRuns(f.count(BenchParams.WARMUP_RUNS, d.warmupRuns()))
                    .warmupSeconds(f.number(BenchParams.WARMUP_SECONDS, d.warmupSeconds()))
                    .runs(f.count(BenchParams.RUNS, d.runs()))
                    .minSeconds(f.number(BenchParams.MIN_SECONDS, d.minSeconds()))
                    .maxSeconds(f.number(BenchParams.MAX_SECONDS_BOUND, d.maxSeconds()))
                    .inputShapes(shapes(f))
                    .seed(f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, d.seed()))
                    .onnxSpinning(f.bool("onnx_spinning", d.onnxSpinning()))
                    .edgeTpu(edgeTpu(f))
                    .requireFullDelegation(f.bool("require_full_delegation", d.requireFullDelegation()))
                    .sampleHz(f.number(BenchParams.SAMPLE_HZ, sampleHzDefault != null ? sampleHzDefault : d.sampleHz()))
                    .cooldownToC(f.has("cooldown_to_c") ? (Double) f.number(BenchParams.COOLDOWN_TO_C, 0) : null)
                    .cooldownMaxSeconds(f.number(BenchParams.COOLDOWN_MAX_SECONDS, d.cooldownMaxSeconds()))
                    .energyAccuracyPct(f.has("energy_accuracy_pct")
                            ? (Double) f.number(BenchParams.ENERGY_ACCURACY_PCT, 0) : null)
                    .inputs(InputFields.plan(f))
                    .profileOps(f.bool("profile_ops", false))
                    .build();
        } catch (BenchParams.OutOfBounds e) {
            throw f.outOfBounds(e.bound()); // BenchParams checked the bound; say it with the field and value sent
        } catch (IllegalArgumentException e) {
            // RuntimeKind/Delegate parse errors and BenchParams' cross-field checks already name the value.
            throw f.reject(e.getMessage());
        }
    }

    private static Map<String, List<Long>> shapes(RequestFields f) throws CommandRejectedException {
        JsonNode v = f.raw("input_shapes");
        if (v == null || v.isNull()) {
            return Map.of();
        }
        String expected = "field \"input_shapes\" must map input names to arrays of 1..8 dims 1..1000000";
        if (!v.isObject() || v.size() > 64) {
            throw f.reject(expected + ", got [" + RequestFields.truncate(v.toString()) + "]");
        }
        Map<String, List<Long>> shapes = new HashMap<>();
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode dims = e.getValue();
            if (!dims.isArray() || dims.isEmpty() || dims.size() > 8) {
                throw f.reject(expected + ", got [" + RequestFields.truncate(dims.toString()) + "]");
            }
            List<Long> list = new ArrayList<>();
            for (JsonNode d : dims) {
                if (!d.isIntegralNumber() || d.longValue() < 1 || d.longValue() > 1_000_000) {
                    throw f.reject(expected + ", got [" + RequestFields.truncate(dims.toString()) + "]");
                }
                list.add(d.longValue());
            }
            shapes.put(e.getKey(), list);
        }
        return shapes;
    }

    /**
     * The Edge TPU options: the flat fields edgetpu_device / edgetpu_performance (the CLI's flags, handy with
     * `edgebench send`) or the edge_tpu object, which also carries the USB options; one field set twice is rejected.
     */
    private static EdgeTpuOptions edgeTpu(RequestFields f) throws CommandRejectedException {
        String device = f.string("edgetpu_device", false);
        String performance = f.string("edgetpu_performance", false);
        EdgeTpuOptions nested = nestedEdgeTpu(f);
        if (nested != null && (device != null && nested.device() != null
                || performance != null && nested.performance() != null)) {
            throw f.reject("give the Edge TPU " + (device != null ? "device" : "performance") + " once: either field"
                    + " \"edgetpu_" + (device != null ? "device" : "performance") + "\" or inside \"edge_tpu\", not both");
        }
        EdgeTpuOptions base = nested == null ? new EdgeTpuOptions(null, null, false, 0) : nested;
        try {
            return new EdgeTpuOptions(
                    device != null ? EdgeTpuOptions.checkDevice("field \"edgetpu_device\"", device)
                            : EdgeTpuOptions.checkDevice("field \"edge_tpu.device\"", base.device()),
                    performance != null ? EdgeTpuOptions.checkPerformance("field \"edgetpu_performance\"", performance)
                            : EdgeTpuOptions.checkPerformance("field \"edge_tpu.performance\"", base.performance()),
                    base.usbAlwaysDfu(), base.usbMaxBulkInQueueLength());
        } catch (IllegalArgumentException e) {
            throw f.reject(e.getMessage());
        }
    }

    /** The edge_tpu object as given (device and performance unchecked, null when absent), or null without one. */
    private static EdgeTpuOptions nestedEdgeTpu(RequestFields f) throws CommandRejectedException {
        JsonNode v = f.raw("edge_tpu");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!(v instanceof ObjectNode obj)) {
            throw f.reject("field \"edge_tpu\" must be an object, got [" + RequestFields.truncate(v.toString()) + "]");
        }
        RequestFields e = new RequestFields(Topics.BENCH, obj, "{\"edge_tpu\":{\"device\":\"usb:0\",\"performance\":\"max\"}}");
        e.allowOnly(Set.of("device", "performance", "usb_always_dfu", "usb_max_bulk_in_queue_length"));
        return new EdgeTpuOptions(e.string("device", false), e.string("performance", false),
                e.bool("usb_always_dfu", false), (int) e.integer("usb_max_bulk_in_queue_length", 0, 255, 0));
    }
}

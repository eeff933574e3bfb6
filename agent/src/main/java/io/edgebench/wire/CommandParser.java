package io.edgebench.wire;

import static io.edgebench.results.RequestSchema.Voice.WIRE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchRequest;
import io.edgebench.results.CompareRequest;
import io.edgebench.results.RequestSchema;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a command topic's verb and payload into a validated {@link Command}, or a {@link CommandRejectedException}
 * whose message says what, [the value], what was expected, and gives an example. Pure: no I/O, thread-safe.
 */
public final class CommandParser {
    /** Every verb except the uploads (models/put, inputs/put, sets/put): a request is a handful of fields. */
    public static final int MAX_SMALL_PAYLOAD_BYTES = 32 * 1024;
    /** Decoded bytes per models/put or inputs/put part: a 64 MiB model is 2,048 parts. */
    public static final int MAX_PART_BYTES = 32 * 1024;
    /**
     * The largest MQTT packet the agent takes (sent as Maximum Packet Size in CONNECT): a part in base64 plus its
     * fields, topic and properties. Anything larger never reaches the agent: the broker drops it. Kept small because
     * Paho decodes a PUBLISH payload one byte at a time (about 0.1 s per MB on a 2-core VM), so every queued byte
     * delays the next command: 400 packets at this limit are about 4 s of decoding there, at 1 MiB they were 40 s.
     */
    public static final long MAX_PACKET_BYTES = 96 * 1024;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry(Topics.PING, "{}"),
            Map.entry(Topics.SENSORS, "{}"),
            Map.entry(Topics.MODELS_LIST, "{}"),
            Map.entry(Topics.INSPECT, "{\"model\":\"ssd.tflite\"}"),
            Map.entry(Topics.BENCH, "{\"model\":\"ssd.tflite\",\"runs\":50}"),
            Map.entry(
                    Topics.COMPARE,
                    "{\"models\":[\"m.tflite\",\"m.onnx\"],\"delegates\":[\"tflite:xnnpack\",\"onnx:cpu\"],\"runs\":50}"),
            Map.entry(Topics.CANCEL, "{\"job_id\":\"20261127T043000-1a2b3c4d\"}"),
            Map.entry(
                    Topics.MODELS_PUT,
                    "{\"name\":\"m.tflite\",\"size_bytes\":3,\"sha256\":\"<64 hex>\",\"data_base64\":\"AAEC\"}"),
            Map.entry(Topics.MODELS_DELETE, "{\"name\":\"m.tflite\"}"),
            Map.entry(
                    Topics.INPUTS_PUT,
                    "{\"name\":\"cat.png\",\"size_bytes\":3,\"sha256\":\"<64 hex>\",\"data_base64\":\"AAEC\"}"),
            Map.entry(
                    Topics.SETS_PUT,
                    "{\"set\":\"flowers\",\"path\":\"daisy/001.png\",\"size_bytes\":3,\"sha256\":\"<64 hex>\","
                            + "\"data_base64\":\"AAEC\"}"),
            Map.entry(Topics.SETS_DELETE, "{\"set\":\"flowers\"}"));

    private final long maxModelBytes;

    /** @param maxModelBytes the largest model models/put accepts (decoded bytes). */
    public CommandParser(long maxModelBytes) {
        this.maxModelBytes = maxModelBytes;
    }

    /** The largest payload accepted for a verb: models/put carries a base64 model, everything else is small. */
    public static long maxPayloadBytes(String verb) {
        // every upload goes in parts like models/put: each part must fit the agent's Maximum Packet Size
        return Topics.isUpload(verb) ? (MAX_PART_BYTES + 2) / 3 * 4 + MAX_SMALL_PAYLOAD_BYTES : MAX_SMALL_PAYLOAD_BYTES;
    }

    public Command parse(String verb, byte[] payload) throws CommandRejectedException {
        if (!EXAMPLES.containsKey(verb)) {
            throw new CommandRejectedException(
                    Topics.ERR_UNKNOWN_VERB,
                    "Command [" + RequestFields.truncate(verb) + "] rejected: unknown verb. Expected one of "
                            + String.join(", ", Topics.VERBS) + ".");
        }
        if (payload.length > maxPayloadBytes(verb)) {
            throw new CommandRejectedException(
                    Topics.ERR_TOO_LARGE,
                    "Command [" + verb + "] rejected: payload of " + payload.length + " bytes exceeds the limit of "
                            + maxPayloadBytes(verb) + " bytes.");
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
            case Topics.SETS_PUT -> putSetFile(f);
            case Topics.SETS_DELETE -> deleteSet(f);
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
            throw CommandRejectedException.badRequest(
                    verb,
                    "payload is not valid JSON (" + RequestFields.truncate(e.getOriginalMessage()) + ")",
                    EXAMPLES.get(verb));
        }
        StrictJson.checkStrings(verb, node, EXAMPLES.get(verb));
        if (!(node instanceof ObjectNode obj)) {
            throw CommandRejectedException.badRequest(
                    verb,
                    "payload must be a JSON object, got [" + RequestFields.truncate(String.valueOf(node)) + "]",
                    EXAMPLES.get(verb));
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
        return new Command.InputsPut((Command.ModelsPut) put(f));
    }

    /** sets/put: one file of a set by its path inside the set; the part checks of models/put. */
    private Command putSetFile(RequestFields f) throws CommandRejectedException {
        f.allowOnly(Set.of("set", "path", "size_bytes", "sha256", "offset", "data_base64"));
        String set = setName(f, "set", f.string("set", true));
        String path = f.string("path", true);
        String[] parts = path.split("/", -1);
        if (parts.length > Command.SetsPut.MAX_PATH_DEPTH
                || !java.util.Arrays.stream(parts).allMatch(RequestFields::isPlainFileName)) {
            throw f.reject("field \"path\" must be the file's place inside the set: 1.."
                    + Command.SetsPut.MAX_PATH_DEPTH + " plain names joined by '/' (no '..', none starting with"
                    + " '.', no '\\'), e.g. \"daisy/001.png\" or \"labels.txt\"; got [" + RequestFields.truncate(path)
                    + "]");
        }
        return new Command.SetsPut(set, path, part(f, set + "/" + path));
    }

    private static Command deleteSet(RequestFields f) throws CommandRejectedException {
        f.allowOnly(Set.of("set"));
        return new Command.SetsDelete(setName(f, "set", f.string("set", true)));
    }

    /** A set's name in {@code field} (null: not given): plain, so the set stays inside the agent's sets dir. */
    private static String setName(RequestFields f, String field, String set) throws CommandRejectedException {
        if (set != null && !RequestFields.isPlainFileName(set)) {
            throw f.reject("field \"" + field
                    + "\" must be a set's name, as uploaded with sets/put: a plain name (no '/', no '\\', no '..', not starting"
                    + " with '.', at most " + RequestFields.MAX_NAME_CHARS + " characters), got ["
                    + RequestFields.truncate(set) + "]");
        }
        return set;
    }

    private Command put(RequestFields f) throws CommandRejectedException {
        f.allowOnly(Set.of("name", "size_bytes", "sha256", "offset", "data_base64"));
        return part(f, f.modelName("name"));
    }

    /** The part fields every upload shares, for the file {@code name}. */
    private Command.ModelsPut part(RequestFields f, String name) throws CommandRejectedException {
        long size = f.integer("size_bytes", 1, maxModelBytes, -1);
        if (size < 0) {
            throw f.reject("field \"size_bytes\" is required");
        }
        String sha = f.string("sha256", true);
        if (!SHA256.matcher(sha).matches()) {
            throw f.reject(
                    "field \"sha256\" must be 64 lower-case hex digits, got [" + RequestFields.truncate(sha) + "]");
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
        BenchRequest r = bind(f, BenchRequest.class);
        plainNames(f, "model", r.model() == null ? List.of() : List.of(r.model()), true);
        plainNames(f, "input", r.lane().fileNames(), false);
        return new Command.Bench(jobId(f, false), params(f, () -> r.params(Path.of(r.model()), WIRE)), f.node());
    }

    /** Mirrors `edgebench compare`'s options; bench fields a comparison does not vary are not accepted. */
    private static Command compare(RequestFields f) throws CommandRejectedException {
        CompareRequest r = bind(f, CompareRequest.class);
        plainNames(f, "models", r.models() == null ? List.of() : r.models(), true);
        plainNames(f, "input", r.lane().fileNames(), false);
        setName(f, "dataset", r.dataset());
        setName(f, "reference", r.reference());
        for (String m : r.matches()) {
            int eq = m.lastIndexOf('=');
            if (eq <= 0 || eq == m.length() - 1 || m.length() > 1024) {
                throw f.reject("field \"match\" must be "
                        + RequestSchema.entry(CompareRequest.class, "match").expected() + ", got ["
                        + RequestFields.truncate(m) + "]");
            }
        }
        try {
            BenchParams template = params(f, () -> r.template(Path.of(r.models().get(0)), WIRE));
            r.checkSets(WIRE, !template.inputs().sources().isEmpty());
            return new Command.Compare(
                    jobId(f, false),
                    r.models(),
                    r.choices(),
                    template,
                    r.seeds(),
                    r.toleranceOrDefault(),
                    r.minTop1OrDefault(),
                    f.node(),
                    r.match(),
                    r.sweep(),
                    new Command.Compare.SetNames(r.dataset(), r.datasetOutput(), r.reference()));
        } catch (IllegalArgumentException e) {
            // Lane.Choice speaks of the CLI's --delegates option; name the request field instead
            throw f.reject(e.getMessage().replace("--delegates item", "field \"delegates\" item"));
        }
    }

    /** The request bound to its schema record; a value the schema does not take is a bad_request naming it. */
    private static <R extends Record> R bind(RequestFields f, Class<R> type) throws CommandRejectedException {
        try {
            return RequestSchema.bind(f.node(), type);
        } catch (IllegalArgumentException e) {
            throw f.reject(e.getMessage());
        }
    }

    /** The agent confines every file a request names to its own directory: plain names only. */
    private static void plainNames(RequestFields f, String field, List<String> names, boolean required)
            throws CommandRejectedException {
        if (required && names.isEmpty()) {
            throw f.reject("field \"" + field + "\" is required");
        }
        for (String name : names) {
            if (!RequestFields.isPlainFileName(name)) {
                throw f.reject("field \"" + field + "\" must "
                        + switch (field) {
                            case "model" ->
                                "be a file name in the models dir (no '/', no '\\', no '..', not starting with"
                                        + " '.', at most " + RequestFields.MAX_NAME_CHARS + " characters)";
                            case "models" -> "hold model file names (no paths, no '..')";
                            default ->
                                "be the plain file name of an input uploaded with inputs/put (no directories, no"
                                        + " leading '.')";
                        }
                        + ", got [" + RequestFields.truncate(name) + "]");
            }
        }
    }

    /** BenchParams from a bound request; its bound and cross-field checks become rejections naming the field. */
    private static BenchParams params(RequestFields f, java.util.function.Supplier<BenchParams> build)
            throws CommandRejectedException {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            // RuntimeKind/Delegate parse errors and BenchParams' cross-field checks already name the value.
            throw f.reject(e.getMessage());
        }
    }

    private static String jobId(RequestFields f, boolean required) throws CommandRejectedException {
        String id = f.string("job_id", required);
        if (id != null && !Topics.ID.matcher(id).matches()) {
            throw f.reject("field \"job_id\" must be 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or"
                    + " digit, got [" + RequestFields.truncate(id) + "]");
        }
        return id;
    }
}

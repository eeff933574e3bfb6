package io.edgebench.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.results.BenchRequest;
import io.edgebench.results.CompareRequest;
import io.edgebench.results.RequestSchema;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Builds the JSON request of `edgebench send` from {@code key=value} arguments or a whole {@code --payload}.
 * A value that parses as JSON is taken as JSON ({@code runs=200}, {@code onnx_spinning=true},
 * {@code input_shapes={"x":[1,3,224,224]}}), anything else as a string ({@code model=m.tflite}); {@code models}
 * also takes a comma list. A {@code file=PATH} argument stays in the request for the controller, which reads the
 * local file ({@code controller.LocalUpload}) and fills the request through {@link #withUpload}: nothing in wire
 * reads files.
 * bench and compare requests are bound to their schema records here, as the agent binds them, and written from
 * them: a typo or a value out of range fails before anything is sent, in the agent's words.
 */
public final class SendPayload {
    /** models/put file=PATH: the local file, sent in parts by the CLI and removed before anything is sent. */
    public static final String FILE_FIELD = "file_path_local";

    private SendPayload() {}

    public static ObjectNode build(String verb, String payloadJson, List<String> args) throws IOException {
        ObjectNode request = Json.mapper().createObjectNode();
        Class<? extends Record> schema = Topics.BENCH.equals(verb)
                ? BenchRequest.class
                : Topics.COMPARE.equals(verb) ? CompareRequest.class : null;
        if (payloadJson != null) {
            JsonNode parsed = parseOrNull(payloadJson);
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException("--payload [" + payloadJson + "] must be a JSON object, e.g. "
                        + "'{\"model\":\"m.tflite\",\"runs\":50}'");
            }
            request.setAll((ObjectNode) parsed);
        }
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument [" + arg + "] must be key=value, e.g. model=m.tflite or "
                        + "runs=200 (or pass --payload JSON)");
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            if (!key.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "key [" + key + "] must be a snake_case field name such as " + "model, runs, delegate, job_id");
            }
            request.set(key, valueOf(schema, key, value));
        }
        return schema == null ? request : write(RequestSchema.bind(request, schema));
    }

    /** A request record as its JSON payload: the fields it gives, lane options flat (the demo and send write this). */
    public static ObjectNode write(Record request) {
        ObjectNode out = Json.mapper().createObjectNode();
        RequestSchema.given(request).forEach((k, v) -> out.set(k, Json.mapper().valueToTree(v)));
        return out;
    }

    /** {@code request} with its job_id set, so the controller can wait for result/&lt;job_id&gt;. */
    public static ObjectNode withJobId(ObjectNode request, String jobId) {
        ObjectNode copy = request.deepCopy();
        copy.put("job_id", jobId);
        return copy;
    }

    /** A JSON value as is; text for a list of strings (models=a,b or delegates=tflite:cpu) split at commas. */
    private static JsonNode valueOf(Class<? extends Record> schema, String key, String value) {
        JsonNode json = parseOrNull(value);
        if (json != null && !json.isTextual()) {
            return json;
        }
        if (schema != null && isStringList(schema, key)) {
            ArrayNode list = Json.mapper().createArrayNode();
            for (String name : value.split(",")) {
                list.add(name.trim());
            }
            return list;
        }
        return Json.mapper().getNodeFactory().textNode(value);
    }

    private static boolean isStringList(Class<? extends Record> schema, String key) {
        return RequestSchema.fields(schema).stream()
                .filter(e -> e.wire().equals(key))
                .anyMatch(e -> e.component().getGenericType().getTypeName().equals("java.util.List<java.lang.String>"));
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * An upload sent in parts (models/put, inputs/put, sets/put): the head with its name (unless given or null), size and sha256 of the local file, and
     * its path, which {@link #takeFile} takes out again before anything is sent.
     */
    public static ObjectNode withUpload(
            ObjectNode request, String fileName, long sizeBytes, String sha256, String localPath) {
        ObjectNode head = request.deepCopy();
        head.remove("file");
        if (!head.has("name") && fileName != null) {
            head.put("name", fileName);
        }
        head.put("size_bytes", sizeBytes);
        head.put("sha256", sha256);
        head.put(FILE_FIELD, localPath);
        return head;
    }

    /**
     * sets/put: the head of one file of a set, {@code path} its place in the set; the request's local dir= or file=
     * left out.
     */
    public static ObjectNode withSetFile(
            ObjectNode request, String path, long sizeBytes, String sha256, String localPath) {
        ObjectNode head = request.deepCopy();
        head.remove("dir");
        head.put("path", path);
        return withUpload(head, null, sizeBytes, sha256, localPath);
    }

    /** Takes the local file out of a models/put head built by {@link #build}; null when it names none. */
    public static String takeFile(ObjectNode head) {
        return head.has(FILE_FIELD) ? head.remove(FILE_FIELD).asText() : null;
    }

    /** One models/put part: the head's name, size_bytes and sha256 plus this offset and these bytes. */
    public static ObjectNode part(ObjectNode head, long offset, byte[] data) {
        ObjectNode part = head.deepCopy();
        part.put("offset", offset);
        part.put("data_base64", Base64.getEncoder().encodeToString(data));
        return part;
    }
}

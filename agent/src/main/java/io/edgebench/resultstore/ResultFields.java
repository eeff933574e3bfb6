package io.edgebench.resultstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lenient reads of result JSON (docs/mqtt.md, docs/bench.md) for the store and the report: unknown fields are
 * ignored, a missing or mistyped field is "absent" (null or empty), never an error, so results of older and newer
 * agents alike can be stored and shown. Each field is read where the results records (io.edgebench.results) write
 * it, under that one name.
 */
public final class ResultFields {
    private ResultFields() {}

    /** The bench results a result message's {@code result} holds: a compare report's lanes, or one bench result. */
    public static List<JsonNode> lanes(JsonNode result) {
        List<JsonNode> lanes = new ArrayList<>();
        if (result == null || !result.isObject()) {
            return lanes;
        }
        JsonNode results = result.get("results");
        if (results != null && results.isArray()) {
            results.forEach(r -> {
                if (r.isObject()) {
                    lanes.add(r);
                }
            });
        } else if (result.has("runtime") || result.has("latency_us")) {
            lanes.add(result);
        }
        return lanes;
    }

    /** A number at {@code path}, or null when absent or not a number. */
    public static Double number(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    /** An integral number at {@code path}, or null. */
    public static Integer integer(JsonNode node, String... path) {
        Double d = number(node, path);
        return d == null ? null : d.intValue();
    }

    /** {@code value}, or {@code fallback} when it is null. */
    public static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** A string (or a number or boolean as text) at {@code path}, or null. */
    public static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    /** A boolean at {@code path}, or null. */
    public static Boolean bool(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isBoolean() ? n.asBoolean() : null;
    }

    /** The node at {@code path}, or null. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String key : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(key);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** Strings of an array at {@code path} (empty when absent). */
    public static List<String> texts(JsonNode node, String... path) {
        List<String> out = new ArrayList<>();
        JsonNode n = at(node, path);
        if (n != null && n.isArray()) {
            n.forEach(e -> out.add(e.isValueNode() ? e.asText() : e.toString()));
        }
        return out;
    }

    public static Double p50Us(JsonNode lane) {
        return number(lane, "latency_us", "p50");
    }

    public static Double p99Us(JsonNode lane) {
        return number(lane, "latency_us", "p99");
    }

    /**
     * The 95 % confidence interval of a latency percentile, "p50" or "p90" (the only ones LatencyStats carries), from
     * {@code latency_us.<p>_ci} as written: {@code {low, high, level, method}}.
     */
    public static Optional<Interval> latencyCi(JsonNode lane, String percentile) {
        return Interval.of(at(lane, "latency_us", percentile + "_ci"));
    }

    /** Energy per inference in millijoules from the energy report, {@code telemetry.energy.energy_per_inference_mj}. */
    public static Double energyPerInferenceMj(JsonNode lane) {
        return number(lane, "telemetry", "energy", "energy_per_inference_mj");
    }

    /** Its 95 % uncertainty (mJ, +-): {@code telemetry.energy.energy_per_inference_uncertainty_mj}. */
    public static Double energyUncertaintyMj(JsonNode lane) {
        return number(lane, "telemetry", "energy", "energy_per_inference_uncertainty_mj");
    }

    /** The model's file name (results name models by file name; older ones carried a path). */
    public static String modelName(JsonNode lane) {
        String path = text(lane, "model", "path");
        if (path == null) {
            path = text(lane, "model", "name");
        }
        if (path == null) {
            return null;
        }
        // Not Path.of: a NUL or another character the file system refuses would throw here, on a name only read.
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return file.isEmpty() ? path : file;
    }

    /** "m.tflite tflite:xnnpack x2": what distinguishes one lane from another. */
    public static String laneLabel(JsonNode lane) {
        String model = modelName(lane);
        String runtime = text(lane, "runtime");
        String delegate = text(lane, "delegate");
        Double threads = number(lane, "threads");
        StringBuilder b = new StringBuilder(model == null ? "?" : model);
        b.append(' ').append(runtime == null ? "?" : runtime).append(':').append(delegate == null ? "?" : delegate);
        if (threads != null && threads > 0) {
            b.append(" x").append(threads.intValue());
        }
        return b.toString();
    }

    /**
     * An ISO-8601 instant at {@code path} in epoch milliseconds, or null when absent, unparsable or beyond what
     * epoch milliseconds hold (+999999999-12-31T23:59:59Z parses as an Instant and overflows a long).
     */
    public static Long epochMs(JsonNode node, String... path) {
        String s = text(node, path);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** A closed interval, e.g. a 95 % confidence interval. */
    public record Interval(double lo, double hi) {
        static Optional<Interval> of(JsonNode n) {
            if (n != null && n.path("low").isNumber() && n.path("high").isNumber()) {
                return Optional.of(
                        new Interval(n.get("low").asDouble(), n.get("high").asDouble()));
            }
            return Optional.empty();
        }
    }
}

package io.edgebench.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import io.edgebench.results.BenchParams;

/**
 * Typed, range-checked access to the fields of one request object; every failure names the field, the value and
 * what was expected, and carries the verb's example.
 */
final class RequestFields {
    /** Model file names: bounded so a name can never blow up a path or a log line. */
    static final int MAX_NAME_CHARS = 128;

    private final String verb;
    private final ObjectNode node;
    private final String example;

    RequestFields(String verb, ObjectNode node, String example) {
        this.verb = verb;
        this.node = node;
        this.example = example;
    }

    /** Rejects fields the verb does not know (a typo must not silently fall back to a default). */
    void allowOnly(Set<String> allowed) throws CommandRejectedException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw reject("unknown field \"" + truncate(name) + "\" (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The same request without {@code field} (for a field read separately in another shape). */
    RequestFields without(String field) {
        ObjectNode copy = node.deepCopy();
        copy.remove(field);
        return new RequestFields(verb, copy, example);
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    String string(String field, boolean required) throws CommandRejectedException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw reject("field \"" + field + "\" is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw reject("field \"" + field + "\" must be a string, got [" + truncate(v.toString()) + "]");
        }
        return v.textValue();
    }

    long integer(String field, long min, long max, long fallback) throws CommandRejectedException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw reject("field \"" + field + "\" must be an integer " + min + ".." + max + ", got ["
                    + truncate(v.toString()) + "]");
        }
        return v.longValue();
    }

    /**
     * A count for BenchParams: its type is checked here, its bound by BenchParams (see {@link #outOfBounds}); a
     * value beyond int is clamped so that BenchParams rejects it rather than seeing it wrapped around.
     */
    int count(BenchParams.Bound b, int fallback) throws CommandRejectedException {
        JsonNode v = node.get(b.field());
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw outOfBounds(b);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v.longValue()));
    }

    /** A number for BenchParams: its type is checked here, its bound by BenchParams. */
    double number(BenchParams.Bound b, double fallback) throws CommandRejectedException {
        JsonNode v = node.get(b.field());
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw outOfBounds(b);
        }
        return v.doubleValue();
    }

    /** The rejection for a field outside (or not of the type of) its BenchParams bound, with the value sent. */
    CommandRejectedException outOfBounds(BenchParams.Bound b) {
        JsonNode v = node.get(b.field());
        return reject("field \"" + b.field() + "\" must be " + (b.integer() ? "an integer " : "a number ") + b.range()
                + ", got [" + (v == null ? "nothing" : truncate(v.toString())) + "]");
    }

    double number(String field, double min, double max, double fallback) throws CommandRejectedException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
            throw reject("field \"" + field + "\" must be a number " + fmt(min) + ".." + fmt(max) + ", got ["
                    + truncate(v.toString()) + "]");
        }
        return v.doubleValue();
    }

    boolean bool(String field, boolean fallback) throws CommandRejectedException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw reject("field \"" + field + "\" must be true or false, got [" + truncate(v.toString()) + "]");
        }
        return v.booleanValue();
    }

    /** A model file name: no directories, no "..", no hidden files, bounded length. */
    String modelName(String field) throws CommandRejectedException {
        String name = string(field, true);
        if (!isPlainFileName(name)) {
            throw reject("field \"" + field + "\" must be a file name in the models dir (no '/', no '\\', no '..',"
                    + " not starting with '.', at most " + MAX_NAME_CHARS + " characters), got [" + truncate(name) + "]");
        }
        return name;
    }

    List<String> modelNames(String field, int maxCount) throws CommandRejectedException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.size() < 1 || v.size() > maxCount) {
            throw reject("field \"" + field + "\" must be an array of 1.." + maxCount + " model file names, got ["
                    + (v == null ? "nothing" : truncate(v.toString())) + "]");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || !isPlainFileName(item.textValue())) {
                throw reject("field \"" + field + "\" must hold model file names (no paths, no '..'), got ["
                        + truncate(item.toString()) + "]");
            }
            names.add(item.textValue());
        }
        return names;
    }

    ObjectNode node() {
        return node;
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    CommandRejectedException reject(String what) {
        return CommandRejectedException.badRequest(verb, what, example);
    }

    static boolean isPlainFileName(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_NAME_CHARS && !name.startsWith(".")
                && !name.contains("/") && !name.contains("\\") && !name.contains("..")
                && name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** Keeps hostile values from making replies or logs huge. */
    static String truncate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...(" + s.length() + " chars)";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

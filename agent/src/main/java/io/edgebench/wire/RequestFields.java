package io.edgebench.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

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
                throw reject("unknown field \"" + truncate(name) + "\" (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
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
                    + " not starting with '.', at most " + MAX_NAME_CHARS + " characters), got [" + truncate(name)
                    + "]");
        }
        return name;
    }

    ObjectNode node() {
        return node;
    }

    CommandRejectedException reject(String what) {
        return CommandRejectedException.badRequest(verb, what, example);
    }

    static boolean isPlainFileName(String name) {
        return name != null
                && !name.isEmpty()
                && name.length() <= MAX_NAME_CHARS
                && !name.startsWith(".")
                && !name.contains("/")
                && !name.contains("\\")
                && !name.contains("..")
                && name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** Keeps hostile values from making replies or logs huge. */
    static String truncate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...(" + s.length() + " chars)";
    }
}

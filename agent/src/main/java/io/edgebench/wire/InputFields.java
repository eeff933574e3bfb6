package io.edgebench.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.edgebench.results.InputPlan;
import io.edgebench.results.InputScale;
import io.edgebench.results.InputSource;

/**
 * The request fields that choose inputs, as the CLI's flags do: {@code input} (a file for the model's only input),
 * {@code inputs} ({name: file}), {@code input_values} ({name: number}), {@code input_ranges} ({name: [lo, hi]}),
 * {@code input_scale} ([mean, std]) and {@code input_scales} ({name: [mean, std]}). Files are plain names of files
 * uploaded with inputs/put; the agent resolves them inside its inputs dir. Plus {@code profile_ops} and compare's
 * {@code match} (["A=B1+B2", ...]).
 */
final class InputFields {
    static final Set<String> FIELDS = Set.of("input", "inputs", "input_values", "input_ranges", "input_scale",
            "input_scales", "profile_ops");
    static final int MAX_ENTRIES = 64;
    static final int MAX_MATCHES = 32;

    private InputFields() {}

    static InputPlan plan(RequestFields f) throws CommandRejectedException {
        List<InputSource> sources = new ArrayList<>();
        if (f.has("input")) {
            sources.add(InputSource.file(null, Path.of(fileName(f, "input", f.raw("input")))));
        }
        for (Map.Entry<String, JsonNode> e : entries(f, "inputs")) {
            sources.add(InputSource.file(e.getKey(), Path.of(fileName(f, "inputs." + e.getKey(), e.getValue()))));
        }
        for (Map.Entry<String, JsonNode> e : entries(f, "input_values")) {
            if (!e.getValue().isNumber()) {
                throw f.reject("field \"input_values\" must map input names to numbers, e.g. {\"sr\":16000}; got ["
                        + RequestFields.truncate(e.getValue().toString()) + "] for [" + e.getKey() + "]");
            }
            sources.add(InputSource.value(e.getKey(), e.getValue().doubleValue()));
        }
        for (Map.Entry<String, JsonNode> e : entries(f, "input_ranges")) {
            double[] lh = pair(f, "input_ranges", e.getKey(), e.getValue(), "{\"x\":[-1,1]}");
            sources.add(InputSource.range(e.getKey(), lh[0], lh[1]));
        }
        List<InputScale> scales = new ArrayList<>();
        if (f.has("input_scale")) {
            double[] ms = pair(f, "input_scale", null, f.raw("input_scale"), "[127.5,127.5]");
            scales.add(new InputScale(null, ms[0], ms[1]));
        }
        for (Map.Entry<String, JsonNode> e : entries(f, "input_scales")) {
            double[] ms = pair(f, "input_scales", e.getKey(), e.getValue(), "{\"input\":[127.5,127.5]}");
            scales.add(new InputScale(e.getKey(), ms[0], ms[1]));
        }
        try {
            return new InputPlan(sources, scales);
        } catch (IllegalArgumentException e) {
            throw f.reject(e.getMessage());
        }
    }

    /** compare's "match": an array of "A=B" / "A=B1+B2" strings, checked for shape only (names are the models'). */
    static List<String> matches(RequestFields f) throws CommandRejectedException {
        JsonNode v = f.raw("match");
        if (v == null || v.isNull()) {
            return List.of();
        }
        String expected = "field \"match\" must be an array of 1.." + MAX_MATCHES + " strings \"A=B\" or \"A=B1+B2\""
                + " (output names), e.g. [\"regressors=Identity_2:0+Identity_3:0\"]";
        if (!v.isArray() || v.isEmpty() || v.size() > MAX_MATCHES) {
            throw f.reject(expected + ", got [" + RequestFields.truncate(v.toString()) + "]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            String s = item.isTextual() ? item.textValue() : "";
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1 || s.length() > 1024) {
                throw f.reject(expected + ", got [" + RequestFields.truncate(item.toString()) + "]");
            }
            out.add(s);
        }
        return out;
    }

    private static String fileName(RequestFields f, String field, JsonNode v) throws CommandRejectedException {
        String name = v != null && v.isTextual() ? v.textValue() : null;
        if (name == null || !RequestFields.isPlainFileName(name)) {
            throw f.reject("field \"" + field + "\" must be the plain file name of an input uploaded with inputs/put"
                    + " (no directories, no leading '.'), got [" + RequestFields.truncate(String.valueOf(v)) + "]");
        }
        return name;
    }

    private static List<Map.Entry<String, JsonNode>> entries(RequestFields f, String field)
            throws CommandRejectedException {
        JsonNode v = f.raw(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isObject() || v.size() > MAX_ENTRIES) {
            throw f.reject("field \"" + field + "\" must be an object of at most " + MAX_ENTRIES + " input names, got ["
                    + RequestFields.truncate(v.toString()) + "]");
        }
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        v.fields().forEachRemaining(out::add);
        return out;
    }

    private static double[] pair(RequestFields f, String field, String name, JsonNode v, String example)
            throws CommandRejectedException {
        if (v == null || !v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
            throw f.reject("field \"" + field + "\"" + (name == null ? "" : " entry [" + name + "]")
                    + " must be two numbers, e.g. " + example + "; got [" + RequestFields.truncate(String.valueOf(v))
                    + "]");
        }
        return new double[] {v.get(0).doubleValue(), v.get(1).doubleValue()};
    }
}

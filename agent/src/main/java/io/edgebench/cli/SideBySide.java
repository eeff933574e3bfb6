package io.edgebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders benchmark results received as JSON (a bench result, a compare result holding several, or a job's result
 * message) as one column per run, so TFLite and ONNX Runtime read side by side. It works on the JSON, not on the
 * bench package's records, because a controller may talk to an agent of another version: unknown fields are
 * ignored and absent ones print as "-".
 */
final class SideBySide {
    private SideBySide() {}

    /** Every bench result inside {@code node}: objects carrying "runtime" and "status", in document order. */
    static List<JsonNode> benchResults(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        collect(node, found);
        return found;
    }

    private static void collect(JsonNode node, List<JsonNode> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()
                && node.has("runtime")
                && node.has("status")
                && (node.has("latency_us") || node.has("error"))) {
            found.add(node);
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, found));
        }
    }

    static String render(List<JsonNode> results) {
        if (results.isEmpty()) {
            return "(no benchmark results in the reply)\n";
        }
        List<String> labels = new ArrayList<>();
        results.forEach(r -> labels.add(label(r)));
        List<Row> rows = List.of(
                new Row("model", r -> fileName(r.path("model").path("path").asText(null))),
                new Row("status", r -> r.path("status").asText("-")),
                new Row("runtime version", r -> text(r, "runtime_version")),
                new Row("threads", r -> text(r, "threads")),
                new Row("timed runs", r -> text(r, "runs")),
                new Row("latency p50", r -> micros(r.path("latency_us").path("p50"))),
                new Row("latency p90", r -> micros(r.path("latency_us").path("p90"))),
                new Row("latency p99", r -> micros(r.path("latency_us").path("p99"))),
                new Row("latency mean", r -> micros(r.path("latency_us").path("mean"))),
                new Row("throughput", r -> number(r.path("throughput_ips"), "%.0f inf/s")),
                new Row("load + init", r -> loadInit(r)),
                new Row("first inference", r -> micros(r.path("first_inference_us"))),
                new Row("peak RSS", r -> number(r.path("peak_rss_bytes"), 1.0 / (1 << 20), "%.0f MiB")),
                new Row(
                        "energy / inference",
                        r -> number(r.path("telemetry").path("energy_mj").path("per_inference"), "%.3f mJ")),
                new Row("max temperature", r -> maxTemp(r.path("telemetry").path("temp_c"))));
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>();
            line.add(row.name());
            results.forEach(r -> line.add(row.value().apply(r)));
            // a row no run could fill (no power sensor, no thermal zone) says nothing: leave it out
            if (line.stream().skip(1).anyMatch(v -> !"-".equals(v))) {
                cells.add(line);
            }
        }
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(labels);
        return table(header, cells) + verdict(results, labels) + errors(results, labels);
    }

    /** "tflite/xnnpack", "onnx/cpu": what a reader compares. */
    static String label(JsonNode r) {
        String delegate = r.path("delegate").asText("");
        return r.path("runtime").asText("?") + (delegate.isEmpty() ? "" : "/" + delegate);
    }

    private static String verdict(List<JsonNode> results, List<String> labels) {
        int best = -1;
        for (int i = 0; i < results.size(); i++) {
            if (p50(results.get(i)) > 0 && (best < 0 || p50(results.get(i)) < p50(results.get(best)))) {
                best = i;
            }
        }
        if (best < 0 || results.size() < 2) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nfastest (median latency): " + labels.get(best));
        for (int i = 0; i < results.size(); i++) {
            if (i != best && p50(results.get(i)) > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "; %.2fx faster than %s",
                        p50(results.get(i)) / p50(results.get(best)),
                        labels.get(i)));
            }
        }
        return out.append('\n').toString();
    }

    private static String errors(List<JsonNode> results, List<String> labels) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).hasNonNull("error")) {
                out.append(labels.get(i))
                        .append(": ")
                        .append(results.get(i).get("error").asText())
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static double p50(JsonNode r) {
        return r.path("latency_us").path("p50").asDouble(-1);
    }

    private static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> line : all) {
            for (int c = 0; c < line.size(); c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : all) {
            StringBuilder text = new StringBuilder(pad(line.get(0), widths[0]));
            for (int c = 1; c < line.size(); c++) {
                text.append("   ").append(padLeft(line.get(c), widths[c]));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String micros(JsonNode us) {
        if (!us.isNumber()) {
            return "-";
        }
        double v = us.asDouble();
        return v >= 1000 ? String.format(Locale.ROOT, "%.2f ms", v / 1000) : String.format(Locale.ROOT, "%.1f us", v);
    }

    private static String loadInit(JsonNode r) {
        if (!r.path("load_us").isNumber() && !r.path("init_us").isNumber()) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "%.1f ms",
                (r.path("load_us").asDouble(0) + r.path("init_us").asDouble(0)) / 1000);
    }

    private static String maxTemp(JsonNode zones) {
        double max = Double.NaN;
        for (JsonNode zone : zones) {
            if (zone.path("max").isNumber()) {
                max = Double.isNaN(max)
                        ? zone.get("max").asDouble()
                        : Math.max(max, zone.get("max").asDouble());
            }
        }
        return Double.isNaN(max) ? "-" : String.format(Locale.ROOT, "%.1f C", max);
    }

    private static String number(JsonNode n, String format) {
        return number(n, 1, format);
    }

    private static String number(JsonNode n, double scale, String format) {
        return n.isNumber() ? String.format(Locale.ROOT, format, n.asDouble() * scale) : "-";
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asText() : "-";
    }

    private static String fileName(String path) {
        if (path == null) {
            return "-";
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    private record Row(String name, Function<JsonNode, String> value) {}
}

package io.edgebench.cli;

import io.edgebench.json.Json;
import io.edgebench.model.ModelInspection;
import io.edgebench.model.ModelInspector;
import io.edgebench.model.Quantization;
import io.edgebench.model.TensorInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgebench inspect MODEL [--json]}: what is in a model file, without loading any runtime. */
@Command(
        name = "inspect",
        description = "Show a model's format (sniffed from content), size, sha256, inputs, outputs and operators.")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a .tflite or .onnx file")
    Path model;

    @Option(names = "--json", description = "print JSON (snake_case keys) instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelInspection inspection = ModelInspector.inspect(model);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty().writeValueAsString(inspection));
        } else {
            out.print(render(inspection));
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The human-readable block: key lines, aligned I/O tables, op counts by count. */
    static String render(ModelInspection m) {
        StringBuilder b = new StringBuilder();
        line(b, "model", m.path());
        line(b, "format", m.format().id());
        line(b, "size", String.format(Locale.ROOT, "%d bytes (%.1f KiB)", m.sizeBytes(), m.sizeBytes() / 1024.0));
        line(b, "sha256", m.sha256());
        if (m.producer() != null) {
            line(b, "producer", m.producer());
        }
        if (m.opset() != null) {
            line(b, "opset", m.opset() + (m.irVersion() != null ? " (ir_version " + m.irVersion() + ")" : ""));
        }
        line(b, "subgraphs", Integer.toString(m.subgraphs()));
        line(b, "edgetpu", m.edgetpuCompiled() ? "compiled for the Edge TPU" : "no");
        line(b, "custom ops", m.customOps().isEmpty() ? "none" : String.join(", ", m.customOps()));
        b.append("\ninputs\n").append(table(m.inputs()));
        b.append("outputs\n").append(table(m.outputs()));
        b.append("\nops (")
                .append(m.totalOps())
                .append(" total, ")
                .append(m.opCounts().size())
                .append(" types)\n");
        int width =
                m.opCounts().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Integer> e : m.opCounts().entrySet()) {
            b.append(String.format(Locale.ROOT, "  %-" + width + "s  %5d%n", e.getKey(), e.getValue()));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "%-11s%s%n", key, value));
    }

    private static String table(List<TensorInfo> tensors) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "dtype", "shape", "quantization"});
        for (TensorInfo t : tensors) {
            rows.add(new String[] {t.name(), t.dtype().id(), shape(t), quantization(t.quantization())});
        }
        int[] w = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            b.append(String.format(
                    Locale.ROOT, "  %-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %s%n", r[0], r[1], r[2], r[3]));
        }
        return b.toString();
    }

    /** "[?batch,3,48,192]": a dynamic dim shows as "?" plus its symbolic name when it has one. */
    static String shape(TensorInfo t) {
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < t.shape().size(); i++) {
            long d = t.shape().get(i);
            String name = i < t.dimNames().size() ? t.dimNames().get(i) : null;
            dims.add(d >= 0 ? Long.toString(d) : "?" + (name == null ? "" : name));
        }
        return "[" + String.join(",", dims) + "]";
    }

    private static String quantization(Quantization q) {
        return q == null ? "-" : String.format(Locale.ROOT, "scale=%s zero_point=%d", q.scale(), q.zeroPoint());
    }
}

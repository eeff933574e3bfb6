package io.edgebench.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.model.ModelInspection;
import io.edgebench.model.ModelInspector;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.testkit.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ONNX model of ../shared/models (MANIFEST.tsv): inspect matches the manifest, and ONNX Runtime runs it.
 * Skipped when the folder is absent (a fresh clone); point -Dedgebench.shared.models at it elsewhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedOnnxModelsTest {
    /** Concrete shapes for models with dynamic dims: the manifest's typical sizes. */
    private static final Map<String, Map<String, List<Long>>> RUN_SHAPES = Map.of(
            "ch_ppocr_mobile_v2.0_cls_infer.onnx", Map.of("x", List.of(2L, 3L, 48L, 192L)),
            "MobileNetV1-x050-stride16.onnx", Map.of("input", List.of(1L, 257L, 257L, 3L)));

    record Row(String file, long sizeBytes, String sha256, String inputs, String outputs, String notes) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path folder() {
        SharedModels.present(); // says once when the folder is absent
        return SharedModels.dir();
    }

    static Stream<Row> onnxRows() throws IOException {
        Path manifest = folder().resolve("MANIFEST.tsv");
        if (!Files.isRegularFile(manifest)) {
            return Stream.of(new Row(null, 0, null, null, null, null)); // one skipped case instead of none
        }
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            String[] c = line.split("\t");
            if (c.length >= 11 && c[2].equals("onnx")) {
                rows.add(new Row(c[1], Long.parseLong(c[3]), c[4], c[8], c[9], c[10]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onnxRows")
    void inspect_matchesManifest(Row row) {
        assumeTrue(row.file() != null, "no MANIFEST.tsv under " + folder().toAbsolutePath());
        ModelInspection m = ModelInspector.inspect(folder().resolve(row.file()));
        assertEquals(row.sizeBytes(), m.sizeBytes());
        assertEquals(row.sha256(), m.sha256());
        assertEquals(number(row.notes(), "nodes=(\\d+)"), m.totalOps());
        assertEquals(number(row.notes(), "opset (\\d+)"), m.opset().intValue());
        assertEquals(manifestTensors(row.inputs()), rendered(m.inputs()));
        assertEquals(manifestTensors(row.outputs()), rendered(m.outputs()));
        assertEquals(List.of(), m.customOps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onnxRows")
    void run_producesFiniteOutputsOfDeclaredSize(Row row) {
        assumeTrue(row.file() != null, "no MANIFEST.tsv under " + folder().toAbsolutePath());
        SessionOptions options = new SessionOptions(
                RuntimeKind.ONNX,
                Delegate.CPU,
                2,
                false,
                RUN_SHAPES.getOrDefault(row.file(), Map.of()),
                EdgeTpuOptions.defaults(),
                false);
        try (ModelSession s = new OnnxRuntime().open(folder().resolve(row.file()), options)) {
            // ONNX Runtime, like our reader, leaves out initializers listed in graph.input (MobileNetV1-x050: 73)
            assertEquals(
                    manifestTensors(row.inputs()).stream()
                            .map(t -> t.substring(0, t.indexOf('[')))
                            .toList(),
                    s.inputs().stream().map(TensorInfo::name).toList());
            Random rnd = new Random(1);
            for (int i = 0; i < s.inputs().size(); i++) {
                float[] v = new float[(int) s.inputs().get(i).elementCount()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = rnd.nextFloat();
                }
                s.setInput(i, v);
            }
            s.run();
            assertEquals(s.outputs().size(), manifestTensors(row.outputs()).size());
            for (int i = 0; i < s.outputs().size(); i++) {
                float[] out = s.output(i);
                assertTrue(out.length > 0, "output " + i);
                for (float f : out) {
                    assertTrue(Float.isFinite(f), "output " + i + " has " + f);
                }
                TensorInfo declared = s.outputs().get(i);
                if (!declared.isDynamic()) {
                    assertEquals(declared.elementCount(), out.length, declared.name());
                }
            }
            assertNull(s.delegation(), "the CPU execution provider is no delegate: no delegation counts");
        }
    }

    private static int number(String notes, String regex) {
        Matcher m = Pattern.compile(regex).matcher(notes);
        assertTrue(m.find(), regex + " in " + notes);
        return Integer.parseInt(m.group(1));
    }

    /** "x[p2o.DynamicDimension.0,3,...]:float32; y[1,2]:float32" -> ["x[-1,3,...]:float32", ...]. */
    private static List<String> manifestTensors(String column) {
        List<String> out = new ArrayList<>();
        for (String t : column.split("; ")) {
            int open = t.indexOf('[');
            int close = t.lastIndexOf(']');
            List<String> dims = new ArrayList<>();
            for (String d : t.substring(open + 1, close).split(",")) {
                dims.add(d.matches("\\d+") ? d : "-1");
            }
            out.add(t.substring(0, open) + dims.toString().replace(" ", "") + t.substring(close + 1));
        }
        return out;
    }

    private static List<String> rendered(List<TensorInfo> tensors) {
        return tensors.stream()
                .map(t -> t.name() + t.shape().toString().replace(" ", "") + ":"
                        + t.dtype().id())
                .toList();
    }
}

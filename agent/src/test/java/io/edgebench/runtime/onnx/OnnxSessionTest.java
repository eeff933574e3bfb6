package io.edgebench.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import io.edgebench.model.onnx.TinyOnnx;
import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnnxSessionTest {
    @TempDir
    Path dir;

    private final OnnxRuntime runtime = new OnnxRuntime();

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static SessionOptions cpu(int threads, Map<String, List<Long>> shapes) {
        return new SessionOptions(
                RuntimeKind.ONNX, Delegate.CPU, threads, false, shapes, EdgeTpuOptions.defaults(), false);
    }

    @Test
    void run_mlp_matchesJavaReference() throws IOException {
        try (ModelSession s = runtime.open(write("mlp.onnx", TinyOnnx.mlp(1L)), cpu(1, Map.of()))) {
            assertEquals(List.of("X"), s.inputs().stream().map(TensorInfo::name).toList());
            assertNull(s.delegation(), "the CPU execution provider is no delegate: no delegation counts");
            assertEquals(RuntimeKind.ONNX, s.runtime());
            assertEquals(runtime.version(), s.runtimeVersion());
            assertTrue(((OnnxSession) s).outputsPinned(), "static output shape: written in place");
            assertTrue(s.runtimeVersion().matches("\\d+\\.\\d+\\.\\d+.*"), s.runtimeVersion());
            for (float[] x : List.of(new float[] {1, 2, 3, 4}, new float[] {-1, 0.5f, 2, -3})) {
                s.setInput(0, x);
                s.run();
                assertArrayEquals(TinyOnnx.mlpReference(x), s.output(0), 1e-5f);
            }
            assertTrue(
                    s.timings().modelLoadUs() > 0 && s.timings().initUs() > 0,
                    s.timings().toString());
        }
    }

    @Test
    void run_dynamicBatchWithShape_runsThatBatch() throws IOException {
        Path p = write("dyn.onnx", TinyOnnx.mlp("batch"));
        try (ModelSession s = runtime.open(p, cpu(2, Map.of("X", List.of(3L, 4L))))) {
            assertEquals(List.of(3L, 4L), s.inputs().get(0).shape());
            float[] x = {1, 2, 3, 4, 0, 0, 0, 0, -4, 3, -2, 1};
            s.setInput(0, x);
            s.run();
            assertArrayEquals(TinyOnnx.mlpReference(x), s.output(0), 1e-5f);
        }
    }

    @Test
    void run_declaredOutputShapeWrong_fallsBackToUnpinnedOutputs() throws IOException {
        // Y declared [1,5] but MatMul of [1,4] x [4,3] makes [1,3]: a pinned [1,5] buffer cannot take it.
        TinyOnnx.Msg g = new TinyOnnx.Msg()
                .msg(1, TinyOnnx.node("MatMul", "", List.of("X", "W"), List.of("Y")))
                .msg(5, TinyOnnx.floatTensor("W", new float[12], 4, 3))
                .msg(11, TinyOnnx.valueInfo("X", 1, 1L, 4L))
                .msg(12, TinyOnnx.valueInfo("Y", 1, 1L, 5L));
        try (ModelSession s = runtime.open(write("wrong.onnx", TinyOnnx.model(g, 13, "t")), cpu(1, Map.of()))) {
            s.setInput(0, new float[] {1, 2, 3, 4});
            s.run();
            assertFalse(((OnnxSession) s).outputsPinned());
            assertArrayEquals(new float[3], s.output(0));
            s.run();
            assertArrayEquals(new float[3], s.output(0));
        }
    }

    @Test
    void open_twoInputsWithDynamicDims_bothNamedAtOnce_imageDims224_otherDims1() throws IOException {
        Path p = write("two.onnx", TinyOnnx.twoDynamicInputs());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> runtime.open(p, cpu(1, Map.of())));
        assertEquals(
                "2 inputs of model [" + p + "] have dynamic dims: [image] [batch, h, w] (shape [-1,3,-1,-1]), [state]"
                        + " [n] (shape [2,-1,128]); give a concrete shape for each, e.g. --input-shape"
                        + " image=1x3x224x224 --input-shape state=2x1x128",
                e.getMessage());
    }

    @Test
    void open_dynamicDimWithoutShape_namesInputDimAndExample() throws IOException {
        Path p = write("dyn.onnx", TinyOnnx.mlp("batch"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> runtime.open(p, cpu(1, Map.of())));
        assertEquals(
                "Input [X] of model [" + p + "] has dynamic dims [batch] (shape [-1,4]); give a concrete "
                        + "shape, e.g. --input-shape X=1x4",
                e.getMessage());
    }

    @Test
    void open_shapeForUnknownInputOrWrongStaticDim_rejected() throws IOException {
        Path p = write("dyn.onnx", TinyOnnx.mlp("batch"));
        ModelLoadException unknown =
                assertThrows(ModelLoadException.class, () -> runtime.open(p, cpu(1, Map.of("Q", List.of(1L, 4L)))));
        assertTrue(unknown.getMessage().startsWith("--input-shape names input [Q], but model"), unknown.getMessage());
        ModelLoadException wrongDim =
                assertThrows(ModelLoadException.class, () -> runtime.open(p, cpu(1, Map.of("X", List.of(2L, 5L)))));
        assertTrue(
                wrongDim.getMessage().startsWith("--input-shape for input [X] sets dim 1 to [5]"),
                wrongDim.getMessage());
    }

    @Test
    void run_uint8Input_roundsAndClamps() throws IOException {
        try (ModelSession s = runtime.open(write("cast.onnx", TinyOnnx.castUint8()), cpu(1, Map.of()))) {
            s.setInput(0, new float[] {-5, 1.4f, 1.6f, 300});
            s.run();
            assertArrayEquals(new float[] {0, 1, 2, 255}, s.output(0));
        }
    }

    @Test
    void run_float16InAndOut_convertsBothWays() throws IOException {
        float[] x = {0.5f, -2f, 1024f, 0.333f};
        try (ModelSession s = runtime.open(write("h2f.onnx", TinyOnnx.cast(10, 1)), cpu(1, Map.of()))) {
            s.setInput(0, x);
            s.run();
            assertArrayEquals(x, s.output(0), 1e-3f); // 0.333 is not exact in fp16
        }
        try (ModelSession s = runtime.open(write("f2h.onnx", TinyOnnx.cast(1, 10)), cpu(1, Map.of()))) {
            s.setInput(0, x);
            s.run();
            assertArrayEquals(x, s.output(0), 1e-3f);
        }
    }

    @Test
    void open_nonCpuDelegate_rejectedWithHint() throws IOException {
        Path p = write("mlp.onnx", TinyOnnx.mlp(1L));
        SessionOptions xnn = SessionOptions.of(RuntimeKind.ONNX, Delegate.XNNPACK, 1);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> runtime.open(p, xnn));
        assertTrue(e.getMessage().endsWith("ONNX Runtime runs on the CPU EP only in this build; use --delegate cpu"));
    }

    @Test
    void open_graphOrtRejects_wrapsOrtTextWithHint() throws IOException {
        // Parses as a ModelProto, but MatMul's second input does not exist: only ONNX Runtime can tell.
        TinyOnnx.Msg g = new TinyOnnx.Msg()
                .msg(1, TinyOnnx.node("MatMul", "", List.of("X", "missing"), List.of("Y")))
                .msg(11, TinyOnnx.valueInfo("X", 1, 1L, 4L))
                .msg(12, TinyOnnx.valueInfo("Y", 1, 1L, 3L));
        Path p = write("bad.onnx", TinyOnnx.model(g, 13, "t"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> runtime.open(p, cpu(1, Map.of())));
        assertTrue(e.getMessage().startsWith("ONNX Runtime could not load model [" + p + "]: "), e.getMessage());
        assertTrue(e.getMessage().contains("Hint: "), e.getMessage());
    }

    @Test
    void close_isIdempotentAndLaterCallsThrow() throws IOException {
        ModelSession s = runtime.open(write("mlp.onnx", TinyOnnx.mlp(1L)), cpu(1, Map.of()));
        s.setInput(0, new float[4]);
        s.run();
        s.close();
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::run);
        assertEquals("OnnxSession is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> s.output(0));
        assertThrows(IllegalStateException.class, () -> s.setInput(0, new float[4]));
    }

    @Test
    void setInput_wrongLength_rejected() throws IOException {
        try (ModelSession s = runtime.open(write("mlp.onnx", TinyOnnx.mlp(1L)), cpu(1, Map.of()))) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> s.setInput(0, new float[3]));
            assertEquals("input 0 [X] takes 4 values (shape [1, 4]), got [3]", e.getMessage());
            assertThrows(IllegalStateException.class, () -> s.output(0));
        }
    }

    @Test
    void environment_removesOrtNativeTempDir() {
        runtime.version();
        OnnxRuntime.removedNativeTempDir().ifPresent(d -> assertFalse(Files.exists(d), d.toString()));
        assertTrue(OnnxRuntime.removedNativeTempDir().isPresent(), "ONNX Runtime extracted no temp dir?");
    }
}

package io.edgebench.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.ModelFile;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.onnx.TinyOnnx;
import io.edgebench.model.onnx.TinyOnnx.Msg;
import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 "also": ONNX external data resolves against the model's directory (not the working directory) and never
 * outside it: "../x", absolute paths and symlinks out of the directory are refused before any runtime sees them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnnxExternalDataTest {
    private static final float[] W = {1, 2, 3, 4};

    @TempDir
    Path tmp;

    /** Y = X + W, W [4] float stored in the file {@code location}. */
    static byte[] addWithExternalWeights(String location) {
        Msg w = new Msg()
                .varint(1, 4)
                .varint(2, 1)
                .str(8, "W")
                .msg(13, new Msg().str(1, "location").str(2, location))
                .msg(13, new Msg().str(1, "length").str(2, "16"))
                .varint(14, 1); // data_location = EXTERNAL
        Msg g = new Msg()
                .msg(1, TinyOnnx.node("Add", "", List.of("X", "W"), List.of("Y")))
                .str(2, "ext")
                .msg(5, w)
                .msg(11, TinyOnnx.valueInfo("X", 1, 4L))
                .msg(12, TinyOnnx.valueInfo("Y", 1, 4L));
        return TinyOnnx.model(g, 13, "edgebench-tests");
    }

    static byte[] weights() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : W) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void externalDataNextToTheModel_resolvesAgainstTheModelsDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("models"));
        Files.write(dir.resolve("w.bin"), weights());
        Path model = Files.write(dir.resolve("ext.onnx"), addWithExternalWeights("w.bin"));
        assertTrue(ModelFile.open(model).hasExternalData());
        assertFalse(Files.exists(Path.of("w.bin")), "no w.bin in the working directory: only the model's dir has it");
        SessionOptions cpu = new SessionOptions(
                RuntimeKind.ONNX, Delegate.CPU, 1, false, Map.of(), EdgeTpuOptions.defaults(), false);
        try (ModelSession s = new OnnxRuntime().open(model, cpu)) {
            s.setInput(0, new float[] {10, 10, 10, 10});
            s.run();
            assertArrayEquals(new float[] {11, 12, 13, 14}, s.output(0), 1e-6f);
        }
    }

    @Test
    void externalDataOutsideTheDirectory_isRefusedWithAClearError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("models"));
        Files.write(tmp.resolve("outside.bin"), weights());
        Files.createSymbolicLink(dir.resolve("link.bin"), tmp.resolve("outside.bin"));
        for (String loc : List.of(
                "../outside.bin",
                tmp.resolve("outside.bin").toString(),
                "link.bin",
                "sub/../../outside.bin",
                "..\\outside.bin")) {
            Path model = Files.write(dir.resolve("bad.onnx"), addWithExternalWeights(loc));
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelFile.open(model), loc);
            assertTrue(
                    e.getMessage().contains("references external data [" + loc + "] outside its directory"),
                    e.getMessage());
        }
    }
}

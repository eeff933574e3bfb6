package io.edgebench.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.model.onnx.TinyOnnx;
import io.edgebench.model.onnx.TinyOnnx.Msg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a corpus of broken models generated from the forged pair (truncated at every 1/16, random bytes, a
 * TFL3 header alone, huge and negative dims, deep protobuf nesting): inspection refuses each one with a
 * ModelLoadException that names the file, never with another exception, a hang or a crash. The count is printed
 * for README's Reliability figures.
 */
class BadModelCorpusTest {
    @TempDir
    static Path dir;

    static byte[] tflite;
    static byte[] onnx;

    @BeforeAll
    static void forge() throws Exception {
        Forge.Result r = Forge.forge(ForgeSpec.tiny(), dir.resolve("forged"));
        tflite = Files.readAllBytes(r.tflite());
        onnx = Files.readAllBytes(r.onnx());
    }

    /** The corpus: name to bytes. */
    static Map<String, byte[]> corpus() {
        Map<String, byte[]> c = new LinkedHashMap<>();
        for (int k = 0; k < 16; k++) {
            c.put("truncated-" + k + "of16.tflite", Arrays.copyOf(tflite, tflite.length * k / 16));
            c.put("truncated-" + k + "of16.onnx", Arrays.copyOf(onnx, onnx.length * k / 16));
        }
        Random rnd = new Random(10);
        for (int i = 0; i < 32; i++) {
            byte[] b = new byte[1 + rnd.nextInt(4096)];
            rnd.nextBytes(b);
            c.put("random-" + i + ".bin", b);
        }
        c.put("tfl3-header-only.tflite", new byte[] {8, 0, 0, 0, 'T', 'F', 'L', '3'});
        c.put("tfl3-header-zeros.tflite", Arrays.copyOf(new byte[] {0, 0, 0, 0, 'T', 'F', 'L', '3'}, 64));
        c.put("negative-dim.onnx", dims(-5L));
        c.put("huge-dim.onnx", dims(1L << 62));
        c.put("deep-nesting.onnx", deep(400));
        c.put("deep-raw-protobuf.onnx", deepRaw(20_000));
        return c;
    }

    /** Relu with input dims (1, d). */
    static byte[] dims(long d) {
        Msg g = new Msg()
                .msg(1, TinyOnnx.node("Relu", "", List.of("X"), List.of("Y")))
                .str(2, "dims")
                .msg(11, TinyOnnx.valueInfo("X", 1, 1L, d))
                .msg(12, TinyOnnx.valueInfo("Y", 1, 1L, d));
        return TinyOnnx.model(g, 13, "edgebench-tests");
    }

    /** If nodes nested {@code depth} deep through their then_branch graph attribute. */
    static byte[] deep(int depth) {
        Msg g = new Msg().msg(1, TinyOnnx.node("Relu", "", List.of("X"), List.of("Y")));
        for (int i = 0; i < depth; i++) {
            Msg attr = new Msg().str(1, "then_branch").varint(20, 5).msg(6, g);
            g = new Msg().msg(1, TinyOnnx.node("If", "", List.of("C"), List.of("Y" + i), attr));
        }
        g.msg(11, TinyOnnx.valueInfo("C", 9, 1L)).msg(12, TinyOnnx.valueInfo("Y", 1, 1L));
        return TinyOnnx.model(g, 13, "edgebench-tests");
    }

    /** A graph whose doc string field holds length-delimited bytes nested as deep as the bytes allow. */
    static byte[] deepRaw(int depth) {
        byte[] inner = "x".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < depth; i++) {
            inner = new Msg().raw(1, inner).bytes(); // field 1 of a graph is "node": recursion by the reader
        }
        return new Msg()
                .varint(1, 8)
                .raw(7, inner)
                .msg(8, new Msg().str(1, "").varint(2, 13))
                .bytes();
    }

    @Test
    void everyBadModel_isRefusedWithAModelLoadExceptionNamingTheFile() throws Exception {
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, byte[]> e : corpus().entrySet()) {
            Path p = Files.write(dir.resolve(e.getKey()), e.getValue());
            tried++;
            try {
                ModelInspector.inspect(p);
                failures.add(e.getKey() + ": accepted");
            } catch (ModelLoadException ok) {
                if (ok.getMessage() == null || !ok.getMessage().contains(e.getKey())) {
                    failures.add(e.getKey() + ": message does not name the file: " + ok.getMessage());
                }
            } catch (Throwable t) {
                failures.add(e.getKey() + ": " + t);
            }
        }
        System.out.println("bad-model corpus: tried=" + tried + " refused_cleanly=" + (tried - failures.size()));
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void theForgedPair_itself_isAccepted() throws Exception {
        assertTrue(ModelInspector.inspect(Files.write(dir.resolve("ok.tflite"), tflite))
                        .totalOps()
                > 0);
        assertFalse(ModelInspector.inspect(Files.write(dir.resolve("ok.onnx"), onnx))
                .inputs()
                .isEmpty());
    }
}

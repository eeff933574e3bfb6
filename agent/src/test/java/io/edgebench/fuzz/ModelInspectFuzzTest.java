package io.edgebench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgebench.model.ModelInspector;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzzes format sniffing and inspection of both formats with Jazzer, seeded from the forged TFLite/ONNX pair: the
 * fuzzer's bytes pick a format and a few mutations (overwrite, truncate, insert) of the forged file, or are a file
 * of their own. Inspection must return or throw a ModelLoadException; anything else (an IndexOutOfBounds from a
 * flatbuffer, a StackOverflowError from nested protobuf) is a bug and becomes a BadModelCorpusTest case.
 */
@org.junit.jupiter.api.Tag("slow")
class ModelInspectFuzzTest {
    private static byte[][] seeds;
    private static Path scratch;

    private static synchronized byte[][] seeds() {
        if (seeds == null) {
            try {
                scratch = Files.createTempDirectory("edgebench-fuzz");
                Forge.Result r = Forge.forge(ForgeSpec.tiny(), scratch.resolve("forged"));
                seeds = new byte[][] {Files.readAllBytes(r.tflite()), Files.readAllBytes(r.onnx())};
                scratch.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    @FuzzTest(maxDuration = "30s")
    void inspect_refusesOrAccepts_neverCrashes(FuzzedDataProvider data) throws IOException {
        byte[][] s = seeds();
        int choice = data.consumeInt(0, 2);
        byte[] model;
        if (choice == 2) {
            model = data.consumeRemainingAsBytes();
        } else {
            model = s[choice].clone();
            int mutations = data.consumeInt(1, 8);
            for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
                model = mutate(model, data);
            }
        }
        Path file = scratch.resolve(choice == 1 ? "fuzz.onnx" : "fuzz.tflite");
        Files.write(file, model);
        try {
            ModelInspector.inspect(file);
        } catch (ModelLoadException expected) {
            if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
                throw new AssertionError("a refusal without a message", expected);
            }
        }
    }

    private static byte[] mutate(byte[] m, FuzzedDataProvider data) {
        if (m.length == 0) {
            return data.consumeBytes(16);
        }
        int at = data.consumeInt(0, m.length - 1);
        switch (data.consumeInt(0, 2)) {
            case 0 -> {
                byte[] b = data.consumeBytes(8);
                System.arraycopy(b, 0, m, at, Math.min(b.length, m.length - at));
                return m;
            }
            case 1 -> {
                return Arrays.copyOf(m, at);
            }
            default -> {
                byte[] ins = data.consumeBytes(16);
                byte[] out = new byte[m.length + ins.length];
                System.arraycopy(m, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, ins.length);
                System.arraycopy(m, at, out, at + ins.length, m.length - at);
                return out;
            }
        }
    }
}

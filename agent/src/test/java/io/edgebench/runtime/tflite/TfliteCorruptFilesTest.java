package io.edgebench.runtime.tflite;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.ModelLoadException;
import io.edgebench.model.tflite.TinyTfliteModels;
import io.edgebench.model.tflite.TinyTfliteModels.Spec;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt files are loaded IN this JVM on purpose: VerifyAndBuildFromFile rejects them before any unverified access
 * (BuildFromFile would SIGSEGV, STACK.md). If verification ever stops protecting us, this suite crashes the fork and
 * the build fails loudly, which is the point.
 */
@Timeout(60)
class TfliteCorruptFilesTest {
    private static final SessionOptions CPU = SessionOptions.of(RuntimeKind.TFLITE, Delegate.CPU, 1);
    private final TfliteRuntime runtime = new TfliteRuntime();

    @TempDir
    Path dir;

    private ModelLoadException load(String name, byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve(name), bytes);
        return assertThrows(ModelLoadException.class, () -> runtime.open(file, CPU));
    }

    private static byte[] validModel() {
        return TinyTfliteModels.bytes(Spec.addUint8(0.5f, 10));
    }

    @Test
    void zeroBytes_rejectedBeforeNativeCode() throws Exception {
        ModelLoadException e = load("empty.tflite", new byte[0]);
        assertTrue(e.getMessage().contains("is not a TFLite flatbuffer (0 bytes"), e.getMessage());
    }

    @Test
    void zip_rejectedWithIdentifierMessage() throws Exception {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0};
        ModelLoadException e = load("model.tflite", zip);
        assertTrue(
                e.getMessage()
                        .endsWith("is not a TFLite flatbuffer (no \"TFL3\" identifier; it is a zip: unpack it"
                                + " first)."),
                e.getMessage());
    }

    @Test
    void missingFile_named() {
        Path missing = dir.resolve("nope.tflite");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> runtime.open(missing, CPU));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void headerOnly_failsVerification() throws Exception {
        byte[] header = Arrays.copyOf(validModel(), 12);
        ModelLoadException e = load("header.tflite", header);
        assertTrue(e.getMessage().contains("failed TFLite flatbuffer verification"), e.getMessage());
    }

    @Test
    void truncatedAtEveryTenthOfTheFile_failsVerification() throws Exception {
        byte[] model = validModel();
        for (int tenth = 1; tenth < 10; tenth++) {
            int length = Math.max(9, model.length * tenth / 10);
            ModelLoadException e = load("trunc" + tenth + ".tflite", Arrays.copyOf(model, length));
            assertTrue(e.getMessage().contains("failed TFLite flatbuffer verification"), e.getMessage());
        }
    }

    @Test
    void randomBytesBehindAValidIdentifier_failVerification() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[64 + random.nextInt(4096)];
            random.nextBytes(bytes);
            bytes[4] = 'T';
            bytes[5] = 'F';
            bytes[6] = 'L';
            bytes[7] = '3';
            load("random" + i + ".tflite", bytes);
        }
    }

    @Test
    void verificationText_fromTflite_isInTheMessage() throws Exception {
        byte[] header = Arrays.copyOf(validModel(), 40);
        ModelLoadException e = load("short.tflite", header);
        assertTrue(e.getMessage().contains("The model is not a valid Flatbuffer buffer"), e.getMessage());
    }
}

package io.edgebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.onnx.TinyOnnx;
import io.edgebench.results.ModelFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String openError(Path p) {
        return assertThrows(ModelLoadException.class, () -> ModelFile.open(p)).getMessage();
    }

    @Test
    void open_onnxByContent_evenWithTfliteName() throws IOException, NoSuchAlgorithmException {
        byte[] bytes = TinyOnnx.mlp(1L);
        ModelFile f = ModelFile.open(write("misnamed.tflite", bytes));
        assertEquals(ModelFormat.ONNX, f.format());
        assertEquals(bytes.length, f.sizeBytes());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), f.sha256());
        assertEquals(4, f.onnx().nodeCount());
    }

    @Test
    void open_tfl3Identifier_isTflite() throws IOException {
        byte[] head = "\u0018\u0000\u0000\u0000TFL3\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        ModelFile f = ModelFile.open(write("m.bin", head));
        assertEquals(ModelFormat.TFLITE, f.format());
        assertThrows(IllegalStateException.class, f::onnx);
    }

    @Test
    void open_zeroBytes_saysEmpty() throws IOException {
        Path p = write("empty.onnx", new byte[0]);
        assertEquals(
                "Model [" + p + "] is empty (0 bytes); expected a .tflite or .onnx file. Was the download or "
                        + "copy interrupted?",
                openError(p));
    }

    @Test
    void open_zip_namesBytesAndGuess() throws IOException {
        Path p = write("model.onnx", new byte[] {0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0});
        assertEquals(
                "Model [" + p + "] is neither TFLite (no \"TFL3\" identifier at byte 4) nor ONNX (does not "
                        + "start like a ModelProto); first bytes: 50 4b 03 04 14 00 00 00 (a zip? PyTorch .pt and MediaPipe "
                        + ".task files are zips: export or unpack the model first).",
                openError(p));
    }

    @Test
    void open_randomBytes_cleanError() throws IOException {
        Random rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[1 + rnd.nextInt(4096)];
            rnd.nextBytes(b);
            Path p = write("r" + i + ".onnx", b);
            try {
                ModelFile.open(p);
            } catch (ModelLoadException e) {
                assertTrue(e.getMessage().startsWith("Model [" + p + "] is "), e.getMessage());
            }
        }
    }

    @Test
    void open_truncatedOnnx_saysTruncated() throws IOException {
        byte[] full = TinyOnnx.mlp(1L);
        Path p = write("cut.onnx", Arrays.copyOf(full, full.length / 2));
        String m = openError(p);
        assertTrue(
                m.startsWith("Model [" + p + "] is not a valid ONNX ModelProto (the data ends in the middle of "
                        + "a field near byte "),
                m);
    }

    @Test
    void open_headerOnlyOnnx_saysIncomplete() throws IOException {
        Path p = write(
                "head.onnx",
                new TinyOnnx.Msg().varint(1, 8).str(2, "pytorch").str(3, "2.1").bytes());
        assertTrue(openError(p).contains("is not a complete ONNX ModelProto: no graph"));
    }

    @Test
    void open_directoryAndMissing_clearErrors() {
        assertEquals("Model [" + dir + "] is a directory; expected a .tflite or .onnx file.", openError(dir));
        Path missing = dir.resolve("nope.onnx");
        assertTrue(openError(missing).startsWith("Model [" + missing + "] does not exist"));
    }

    @Test
    void open_unreadable_saysPermissions() throws IOException {
        Path p = write("locked.onnx", TinyOnnx.mlp(1L));
        assertTrue(p.toFile().setReadable(false));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(p), "running as root: permissions ignored");
        assertEquals("Model [" + p + "] is not readable by this user; check its permissions.", openError(p));
    }
}

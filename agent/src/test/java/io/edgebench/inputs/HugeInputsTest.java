package io.edgebench.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.DType;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.InputPlan;
import io.edgebench.testkit.CliInputs;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files whose headers claim far more than they hold are refused before anything that size is allocated. */
class HugeInputsTest {

    /** A valid PNG signature and IHDR claiming {@code w} x {@code h} RGB pixels, then a token IDAT and IEND. */
    static byte[] pngClaiming(int w, int h) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream i = new DataOutputStream(ihdr);
        i.writeInt(w);
        i.writeInt(h);
        i.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, no filter method quirks, no interlace
        chunk(d, "IHDR", ihdr.toByteArray());
        chunk(d, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(d, "IEND", new byte[0]);
        return b.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws Exception {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    @Test
    void png16000Square_isRefusedFromItsHeader_namingTheFile(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("huge.png"), pngClaiming(16_000, 16_000));
        assertTrue(Files.size(png) < 200, "a few bytes on disk: " + Files.size(png));
        List<Long> shape = List.of(1L, 32L, 32L, 3L);
        TensorInfo t = new TensorInfo("input", DType.FLOAT32, shape, null, null);
        InputPlan plan = CliInputs.plan(List.of(png.toString()), List.of(), List.of(), List.of());
        InputException e =
                assertThrows(InputException.class, () -> new InputLoader(plan, List.of(t), 1).load(0, shape));
        assertEquals(
                "Input [input] image [huge.png] is 16000 x 16000 pixels by its header; at most 67108864 pixels"
                        + " (8192 x 8192) are decoded. Resize it first: the model takes it resized anyway",
                e.getMessage());
    }

    @Test
    void npyClaiming2To40Elements_isRefusedBeforeAllocation() throws Exception {
        Path f = Files.createTempFile("claim", ".npy");
        try {
            TestFiles.npy(f, "<f4", List.of(1L << 40), new byte[16]);
            InputException e = assertThrows(
                    InputException.class, () -> NpyArray.parse("Reference file [claim.npy]", Files.readAllBytes(f)));
            assertEquals(
                    "Reference file [claim.npy] declares shape [1099511627776] of <f4 (4398046511104 bytes) but"
                            + " holds 16 bytes of data",
                    e.getMessage());
            TestFiles.npy(f, "<f4", List.of(1L << 40, 1L << 40), new byte[0]);
            InputException wrap =
                    assertThrows(InputException.class, () -> NpyArray.parse("x.npy", Files.readAllBytes(f)));
            assertEquals(
                    "x.npy declares shape [1099511627776, 1099511627776], more elements than any array holds",
                    wrap.getMessage());
        } finally {
            Files.delete(f);
        }
    }
}

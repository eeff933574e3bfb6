package io.edgebench.inputs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Issue 21: an image is measured from its header before it is decoded (a 30000x30000 PNG of a few bytes). */
class ImagePixelBudgetTest {
    @Test
    void png30000x30000_refusedBeforeDecoding_messageNamesTheInput() throws IOException {
        byte[] png = pngHeader(30000, 30000);
        InputException e = assertThrows(InputException.class, () -> ImageTensor.checkPixels("image", "huge.png", png));
        assertEquals("Input [image] image [huge.png] is 30000x30000 pixels (900000000), more than the 25000000 an"
                + " image may have to be decoded here (it would need 3433 MiB of heap); resize it first, e.g. to the"
                + " model's input size", e.getMessage());
    }

    @Test
    void png5000x5000_isWithinTheBudget() throws IOException {
        byte[] png = pngHeader(5000, 5000);
        assertDoesNotThrow(() -> ImageTensor.checkPixels("image", "ok.png", png));
    }

    /** A PNG signature, an IHDR declaring the size (8-bit RGBA) and IEND: all a header reader looks at. */
    static byte[] pngHeader(int w, int h) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream i = new DataOutputStream(ihdr);
        i.writeInt(w);
        i.writeInt(h);
        i.write(new byte[] {8, 6, 0, 0, 0});
        chunk(d, "IHDR", ihdr.toByteArray());
        chunk(d, "IEND", new byte[0]);
        return b.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}

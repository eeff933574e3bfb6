package io.edgebench.inputs;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Writes the input files tests feed: .npy as numpy.save does (format 1.0), and PNGs of a known pattern. */
public final class TestFiles {
    private TestFiles() {}

    /** {@code data} little-endian elements of numpy type {@code descr} ("<f4", "|u1", "<i8"...). */
    public static Path npy(Path file, String descr, List<Long> shape, byte[] data) throws IOException {
        String dims =
                shape.stream().map(String::valueOf).collect(Collectors.joining(", ")) + (shape.size() == 1 ? "," : "");
        StringBuilder header =
                new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
                .putShort((short) h.length)
                .put(h)
                .put(data);
        Files.write(file, b.array());
        return file;
    }

    /** A valid PNG signature and IHDR claiming {@code w} x {@code h} RGB pixels, then a token IDAT and IEND. */
    public static byte[] pngClaiming(int w, int h) throws IOException {
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

    public static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** The RGB value of pixel (x, y) in the test pattern {@code variant}: every channel differs, all 0..255 used. */
    public static int[] rgb(int x, int y, int variant) {
        return new int[] {
            (x * 37 + y * 11 + variant * 5) & 0xff,
            (x * 3 + y * 53 + 101) & 0xff,
            (x * 91 + y * 7 + variant * 29 + 17) & 0xff
        };
    }

    public static Path png(Path file, int width, int height, int variant) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = rgb(x, y, variant);
                img.setRGB(x, y, (c[0] << 16) | (c[1] << 8) | c[2]);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** The pattern's pixels mapped to (p - mean) / std, laid out NHWC or NCHW. */
    public static float[] pattern(int width, int height, int variant, boolean nchw, double mean, double std) {
        float[] out = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = rgb(x, y, variant);
                for (int ch = 0; ch < 3; ch++) {
                    int at = nchw ? ch * width * height + y * width + x : (y * width + x) * 3 + ch;
                    out[at] = (float) ((c[ch] - mean) / std);
                }
            }
        }
        return out;
    }
}

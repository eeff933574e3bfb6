package io.edgebench.inputs;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * An image (PNG, JPEG, BMP, GIF through javax.imageio) as the real values of an image tensor: resized (bilinear) to
 * the tensor's height and width when its size differs, channels RGB (C = 3), luma (C = 1, BT.601 weights) or RGBA
 * (C = 4), laid out as the tensor is: NHWC ([1,H,W,C] or [H,W,C]) or NCHW ([1,C,H,W] or [C,H,W]; a tensor is taken as
 * channels-first when its channel-position dim is at most 4 and its last dim is larger, as bench.InputGenerator
 * does). Each pixel p becomes (p - mean) / std.
 */
final class ImageTensor {
    private ImageTensor() {}

    /** The layout, height, width and channels of an image tensor of this shape. */
    record Geometry(boolean nchw, int height, int width, int channels) {
        String layout() {
            return nchw ? "NCHW" : "NHWC";
        }
    }

    static Geometry geometry(String input, List<Long> shape) {
        int r = shape.size();
        if ((r != 3 && r != 4) || (r == 4 && shape.get(0) != 1)) {
            throw new InputException("Input [" + input + "] has shape " + shape + "; an image feeds a [1,H,W,C],"
                    + " [1,C,H,W], [H,W,C] or [C,H,W] tensor. Give a .npy or .bin for this input instead");
        }
        int o = r - 3;
        boolean nchw = shape.get(o) <= 4 && shape.get(o + 2) > 4;
        int c = (int) (long) (nchw ? shape.get(o) : shape.get(o + 2));
        int h = (int) (long) (nchw ? shape.get(o + 1) : shape.get(o));
        int w = (int) (long) (nchw ? shape.get(o + 2) : shape.get(o + 1));
        if (c != 1 && c != 3 && c != 4) {
            throw new InputException("Input [" + input + "] has shape " + shape + " with " + c + " channels; an"
                    + " image gives 1 (luma), 3 (RGB) or 4 (RGBA). Give a .npy or .bin for this input instead");
        }
        return new Geometry(nchw, h, w, c);
    }

    /**
     * Largest image decoded, in pixels (a 24-megapixel camera frame fits). Decoding allocates width x height x 4
     * bytes whatever the file's size: a 2 KB PNG declaring 30000x30000 pixels asked for 3.6 GB and ran the worker
     * out of memory, reported as a failure "loading the model".
     */
    static final long MAX_PIXELS = 25_000_000L;

    /** The image's declared size, read from its header without decoding; refused above {@link #MAX_PIXELS}. */
    static void checkPixels(String input, String file, byte[] bytes) {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return; // no decoder: values() says so with the file's name
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw new InputException("Input [" + input + "] image [" + file + "] is " + w + "x" + h + " pixels ("
                            + w * h + "), more than the " + MAX_PIXELS + " an image may have to be decoded here (it"
                            + " would need " + w * h * 4 / (1 << 20) + " MiB of heap); resize it first, e.g. to the"
                            + " model's input size");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InputException("Input [" + input + "] image [" + file + "] cannot be decoded: " + e.getMessage()
                    + "; expected a PNG, JPEG, BMP or GIF file", e);
        }
    }

    /** Decodes {@code bytes} and returns real values in the tensor's layout. */
    static float[] values(String input, String file, byte[] bytes, Geometry g, double mean, double std) {
        checkPixels(input, file, bytes);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InputException("Input [" + input + "] image [" + file + "] cannot be decoded: " + e.getMessage()
                    + "; expected a PNG, JPEG, BMP or GIF file", e);
        }
        if (image == null) {
            throw new InputException("Input [" + input + "] image [" + file + "] is not a readable image ("
                    + bytes.length + " bytes, no PNG/JPEG/BMP/GIF decoder accepts it); expected a PNG, JPEG, BMP or"
                    + " GIF file");
        }
        BufferedImage sized = resized(image, g.width(), g.height());
        float[] out = new float[g.height() * g.width() * g.channels()];
        int hw = g.height() * g.width();
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                int argb = sized.getRGB(x, y);
                int[] px = {(argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, (argb >>> 24) & 0xff};
                if (g.channels() == 1) {
                    px[0] = (int) Math.round(0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2]);
                }
                for (int c = 0; c < g.channels(); c++) {
                    int at = g.nchw() ? c * hw + y * g.width() + x : (y * g.width() + x) * g.channels() + c;
                    out[at] = (float) ((px[c] - mean) / std);
                }
            }
        }
        return out;
    }

    private static BufferedImage resized(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

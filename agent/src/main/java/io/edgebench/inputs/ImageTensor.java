package io.edgebench.inputs;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

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

    /** 8192 x 8192: larger than any camera frame a model takes, far below what a crafted header can claim. */
    static final long MAX_PIXELS = 8192L * 8192L;

    /**
     * The image's width and height from its header, before any pixel is decoded: a few-KB PNG can claim 16,000 x
     * 16,000 pixels, which would take 1 GB to decode.
     */
    static void checkDimensions(String input, String file, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return; // no decoder: values() says so with the file's name
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw new InputException("Input [" + input + "] image [" + file + "] is " + w + " x " + h
                            + " pixels by its header; at most " + MAX_PIXELS + " pixels (8192 x 8192) are decoded."
                            + " Resize it first: the model takes it resized anyway");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // an unreadable header: decoding it fails at once, and values() reports that with the file's name
        }
    }

    /** Decodes {@code bytes} (after its header's dimensions are checked) and returns real values in the tensor's layout. */
    static float[] values(String input, String file, byte[] bytes, Geometry g, double mean, double std) {
        checkDimensions(input, file, bytes);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InputException(
                    "Input [" + input + "] image [" + file + "] cannot be decoded: " + e.getMessage()
                            + "; expected a PNG, JPEG, BMP or GIF file",
                    e);
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

package io.edgebench.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Names what a file that is not a model probably is, from its first bytes, so the error can say so. */
final class MagicHints {
    private static final int SHOWN_BYTES = 8;

    private MagicHints() {}

    /** "50 4b 03 04 14 00 00 00 (a zip?)": the first bytes in hex plus a guess when one fits. */
    static String describe(ByteBuffer content) {
        int n = Math.min(SHOWN_BYTES, content.limit());
        byte[] head = new byte[Math.min(64, content.limit())];
        content.duplicate().get(head);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
        }
        String guess = guess(head);
        return guess == null ? hex.toString() : hex + " (" + guess + ")";
    }

    private static String guess(byte[] h) {
        String ascii = new String(h, StandardCharsets.ISO_8859_1);
        if (starts(h, 0x50, 0x4b, 0x03, 0x04)) {
            return "a zip? PyTorch .pt and MediaPipe .task files are zips: export or unpack the model first";
        }
        if (starts(h, 0x1f, 0x8b)) {
            return "gzip? decompress it first";
        }
        if (starts(h, 0x89, 'H', 'D', 'F')) {
            return "an HDF5/Keras .h5 file? convert it to TFLite or ONNX";
        }
        if (starts(h, 0x7f, 'E', 'L', 'F')) {
            return "an ELF binary, not a model";
        }
        if (ascii.startsWith("version ") && ascii.contains("git-lfs")) {
            return "a Git LFS pointer; fetch the real file with git lfs pull";
        }
        if (ascii.startsWith("<")) {
            return "HTML or XML? a download page saved instead of the model?";
        }
        if (ascii.startsWith("{") || ascii.startsWith("[")) {
            return "JSON? a model description rather than the model";
        }
        if (starts(h, 0x80) && h.length > 1 && (h[1] & 0xff) <= 5) {
            return "a Python pickle / PyTorch file? export it to ONNX first";
        }
        return null;
    }

    private static boolean starts(byte[] h, int... magic) {
        if (h.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}

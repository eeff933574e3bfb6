package io.edgebench.bench;

import io.edgebench.bench.BenchResult.ModelRef;
import io.edgebench.runtime.RuntimeKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identifies a model file for the result: sha256 of its bytes and its format, sniffed from the header. */
final class ModelRefs {
    private ModelRefs() {}

    static ModelRef of(Path model) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] head = new byte[8];
        int headLength = 0;
        try (InputStream in = Files.newInputStream(model)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int copy = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, Math.max(0, copy));
                headLength += Math.max(0, copy);
                sha.update(buffer, 0, n);
            }
        }
        return new ModelRef(model.toString(), HexFormat.of().formatHex(sha.digest()), sniff(head, headLength).id());
    }

    /** A TFLite flatbuffer carries the file identifier "TFL3" at offset 4; anything else is handed to ONNX Runtime. */
    static RuntimeKind sniff(byte[] head, int length) {
        boolean tfl3 = length >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3';
        return tfl3 ? RuntimeKind.TFLITE : RuntimeKind.ONNX;
    }
}

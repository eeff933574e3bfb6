package io.edgebench.model.forge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-op TFLite model for input tests: a uint8-quantized image input (MobileNet's parameters: scale 1/128,
 * zero point 128) and DEQUANTIZE to a float32 output, so the output is exactly the input tensor's real values.
 */
public final class Uint8InputModel {
    private static final byte UINT8 = 3; // TensorType UINT8 in schema.fbs
    private static final int DEQUANTIZE = 6;

    private Uint8InputModel() {}

    public static Path write(Path file, int height, int width) throws IOException {
        TfliteGraph g = new TfliteGraph();
        int[] shape = {1, height, width, 3};
        int in = g.tensor(
                "input", shape, UINT8, null, new TfliteGraph.Quant(new float[] {1f / 128}, new long[] {128}, 0));
        int out = g.tensor("output", shape, TfliteGraph.FLOAT32, null, null);
        g.op("DEQUANTIZE", DEQUANTIZE, 1, new int[] {in}, new int[] {out}, 0, null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, g.serialize("edgebench test: uint8 input, dequantized", new int[] {in}, new int[] {out}));
        return file;
    }
}

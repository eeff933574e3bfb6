package io.edgebench.model.forge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A classifier whose answer is known by construction, for accuracy tests: global average pool over an RGB image,
 * then a dense layer to 6 logits. Logit c (c = 0, 1, 2) is the mean of channel c plus {@code bias[c]}, so with zero
 * biases the class is the brightest channel; logits 3..5 are the constant -5 (below any channel mean, which lies in
 * [-1, 1] after the default (p - 127.5) / 127.5), so the output has 6 classes and top-5 is meaningful. Written as a
 * TFLite and an ONNX model by the forge's writers, float32 or full-integer int8.
 */
public final class ChannelClassifier {
    public static final int CLASSES = 6;

    private ChannelClassifier() {}

    /** NAME.tflite and NAME.onnx in dir, for a {@code size} x {@code size} input; channel biases as given. */
    public static List<Path> write(Path dir, String name, int size, float[] channelBias) throws IOException {
        return write(dir, network(name, size, channelBias), null, "edgebench test: channel classifier");
    }

    /**
     * The same network quantized as the forge quantizes its int8 models (TFLite int8 in and out, ONNX QDQ), but
     * calibrated on a solid image at each end of the input range instead of on noise, which averages to about 0 and
     * would clip every solid colour's logit. So each channel's logit covers [-1 + bias, 1 + bias] and the output's
     * range is [-5, 1 + the largest bias]: with zero biases its step is 6/255, three input steps of 2/255.
     */
    public static List<Path> writeInt8(Path dir, String name, int size, float[] channelBias) throws IOException {
        Network net = network(name, size, channelBias);
        int pixels = size * size * 3;
        float[] dark = new float[pixels];
        float[] bright = new float[pixels];
        Arrays.fill(dark, -1f);
        Arrays.fill(bright, 1f);
        QuantPlan plan = QuantPlan.calibrate(net, List.of(dark, bright));
        return write(dir, net, plan, "edgebench test: channel classifier, int8");
    }

    private static Network network(String name, int size, float[] channelBias) {
        List<TensorSpec> tensors = List.of(
                new TensorSpec("input", new int[] {1, size, size, 3}),
                new TensorSpec("avgpool", new int[] {1, 1, 1, 3}),
                new TensorSpec("flatten", new int[] {1, 3}),
                new TensorSpec("output", new int[] {1, CLASSES}));
        float[] w = new float[CLASSES * 3];
        float[] b = new float[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            if (c < 3) {
                w[c * 3 + c] = 1f;
                b[c] = channelBias[c];
            } else {
                b[c] = -5f;
            }
        }
        List<Layer> layers = List.of(
                new Layer.AvgPool("avgpool", 0, 1),
                new Layer.Reshape("flatten", 1, 2),
                new Layer.Dense("logits", 2, 3, 3, CLASSES, w, b));
        return new Network(name, tensors, layers, 0, 3);
    }

    private static List<Path> write(Path dir, Network net, QuantPlan plan, String description) throws IOException {
        Files.createDirectories(dir);
        Path tflite = Files.write(
                dir.resolve(net.name() + ".tflite"),
                TfliteWriter.write(net, plan, description).bytes());
        Path onnx = Files.write(
                dir.resolve(net.name() + ".onnx"),
                OnnxWriter.write(net, plan, OnnxOutput.FLOAT32, description, Integer.toString(Forge.FORMAT))
                        .bytes());
        return List.of(tflite, onnx);
    }
}

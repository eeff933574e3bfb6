package io.edgebench.model.forge;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a network layer by layer from a seeded generator, so the same seed always gives the same weights.
 * Convolutions get He-normal weights (variance 2/fan_in before ReLU6, 1/fan_in before a linear bottleneck) and a
 * random batch norm (gamma, beta, moving mean and variance) folded into weights and bias, as a converter would.
 * Gaussians come from Box-Muller with StrictMath so the bytes do not depend on the JDK or the CPU.
 */
final class NetworkBuilder {
    private static final double BN_EPSILON = 1e-3;

    private final SplittableRandom random;
    private final List<TensorSpec> tensors = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private int current;

    NetworkBuilder(long seed, int resolution) {
        this.random = new SplittableRandom(seed);
        current = tensor("input", 1, resolution, resolution, 3);
    }

    int current() {
        return current;
    }

    int channels() {
        return tensors.get(current).channels();
    }

    /** SAME-padded convolution from the current tensor; batch norm folded; optional ReLU6. */
    int conv(String name, int outChannels, int kernel, int stride, boolean relu6) {
        int[] in = tensors.get(current).shape();
        int inChannels = in[3];
        int fanIn = kernel * kernel * inChannels;
        float[] w = gaussians(outChannels * fanIn, Math.sqrt((relu6 ? 2.0 : 1.0) / fanIn));
        float[] b = foldBatchNorm(w, outChannels, fanIn);
        int size = Padding.same(in[1], kernel, stride).outSize();
        int out = tensor(name, 1, size, size, outChannels);
        layers.add(new Layer.Conv(name, current, out, kernel, stride, inChannels, outChannels, w, b, relu6));
        return current = out;
    }

    /** SAME-padded depthwise convolution (multiplier 1) from the current tensor; batch norm folded. */
    int depthwise(String name, int kernel, int stride, boolean relu6) {
        int[] in = tensors.get(current).shape();
        int c = in[3];
        float[] hwc = gaussians(kernel * kernel * c, Math.sqrt(2.0 / (kernel * kernel)));
        // fold per channel: weights are [kh][kw][c], so scale every c-th element
        float[] b = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double scale = bnScale();
            for (int i = ch; i < hwc.length; i += c) {
                hwc[i] = (float) (hwc[i] * scale);
            }
            b[ch] = bnBias(scale);
        }
        int size = Padding.same(in[1], kernel, stride).outSize();
        int out = tensor(name, 1, size, size, c);
        layers.add(new Layer.Depthwise(name, current, out, kernel, stride, c, hwc, b, relu6));
        return current = out;
    }

    /** Residual add of tensor {@code shortcut} and the current tensor. */
    int add(String name, int shortcut) {
        int out = tensor(name, tensors.get(current).shape());
        layers.add(new Layer.Add(name, shortcut, current, out));
        return current = out;
    }

    /** Average pool, reshape to [1,C], fully connected to {@code classes} logits, softmax. */
    void classifier(int classes) {
        int c = channels();
        int pooled = tensor("avgpool", 1, 1, 1, c);
        layers.add(new Layer.AvgPool("avgpool", current, pooled));
        int flat = tensor("flatten", 1, c);
        layers.add(new Layer.Reshape("flatten", pooled, flat));
        int logits = tensor("logits", 1, classes);
        float[] w = gaussians(classes * c, Math.sqrt(1.0 / c));
        float[] b = gaussians(classes, 0.1);
        layers.add(new Layer.Dense("logits", flat, logits, c, classes, w, b));
        int probs = tensor("output", 1, classes);
        layers.add(new Layer.Softmax("softmax", logits, probs));
        current = probs;
    }

    Network build(String name) {
        return new Network(name, tensors, layers, 0, current);
    }

    private int tensor(String name, int... shape) {
        tensors.add(new TensorSpec(name, shape));
        return tensors.size() - 1;
    }

    private float[] foldBatchNorm(float[] w, int outChannels, int fanIn) {
        float[] b = new float[outChannels];
        for (int o = 0; o < outChannels; o++) {
            double scale = bnScale();
            for (int i = o * fanIn; i < (o + 1) * fanIn; i++) {
                w[i] = (float) (w[i] * scale);
            }
            b[o] = bnBias(scale);
        }
        return b;
    }

    // gamma / sqrt(variance + eps); drawn in a fixed order: gamma, variance, then beta and mean in bnBias
    private double bnScale() {
        double gamma = 0.8 + 0.4 * random.nextDouble();
        double variance = 0.5 + random.nextDouble();
        return gamma / StrictMath.sqrt(variance + BN_EPSILON);
    }

    private float bnBias(double scale) {
        double beta = 0.1 * gaussian();
        double mean = 0.1 * gaussian();
        return (float) (beta - mean * scale);
    }

    private float[] gaussians(int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * gaussian());
        }
        return v;
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }
}

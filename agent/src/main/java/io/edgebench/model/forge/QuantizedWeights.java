package io.edgebench.model.forge;

/**
 * Symmetric int8 weights (zero point 0, values -127..127) with one scale per output channel, and int32 biases at
 * scale input_scale * weight_scale: what TFLite's full-integer kernels and ONNX Runtime's QDQ fusions both expect.
 * Both writers call these same functions, so the two files carry identical integers.
 */
record QuantizedWeights(byte[] values, float[] scales, int[] bias, float[] biasScales) {

    /** Channels outermost: conv OHWI and dense [out][in]. {@code perChannel} false gives one scale. */
    static QuantizedWeights outer(float[] w, float[] b, int channels, QParams input, boolean perChannel) {
        int per = w.length / channels;
        return quantize(w, b, channels, input, perChannel, i -> i / per);
    }

    /** Channels innermost: depthwise [kh][kw][C]. */
    static QuantizedWeights inner(float[] w, float[] b, int channels, QParams input) {
        return quantize(w, b, channels, input, true, i -> i % channels);
    }

    private static QuantizedWeights quantize(
            float[] w,
            float[] b,
            int channels,
            QParams input,
            boolean perChannel,
            java.util.function.IntUnaryOperator channelOf) {
        int groups = perChannel ? channels : 1;
        float[] maxAbs = new float[groups];
        for (int i = 0; i < w.length; i++) {
            int g = perChannel ? channelOf.applyAsInt(i) : 0;
            maxAbs[g] = Math.max(maxAbs[g], Math.abs(w[i]));
        }
        float[] scales = new float[groups];
        for (int g = 0; g < groups; g++) {
            scales[g] = Math.max(maxAbs[g], 1e-6f) / 127f;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            int g = perChannel ? channelOf.applyAsInt(i) : 0;
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] / scales[g])));
        }
        int[] bias = new int[b.length];
        float[] biasScales = new float[groups];
        for (int g = 0; g < groups; g++) {
            biasScales[g] = input.scale() * scales[g];
        }
        for (int c = 0; c < b.length; c++) {
            bias[c] = (int) Math.round(b[c] / (double) biasScales[perChannel ? c : 0]);
        }
        return new QuantizedWeights(q, scales, bias, biasScales);
    }
}

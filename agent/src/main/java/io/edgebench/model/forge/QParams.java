package io.edgebench.model.forge;

/** Per-tensor int8 affine quantization: real = scale * (q - zeroPoint). */
record QParams(float scale, int zeroPoint) {
    QParams {
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("scale [" + scale + "] must be a finite number > 0");
        }
        if (zeroPoint < -128 || zeroPoint > 127) {
            throw new IllegalArgumentException("zero point [" + zeroPoint + "] must be -128..127");
        }
    }

    /** TFLite's int8 softmax output: fixed 1/256 and -128, so [0, 1) maps onto the whole int8 range. */
    static final QParams SOFTMAX = new QParams(1f / 256f, -128);

    /** Asymmetric int8 covering [min, max], widened to include 0 so zero is exact (padding, ReLU). */
    static QParams ofRange(double min, double max) {
        double lo = Math.min(min, 0);
        double hi = Math.max(max, 0);
        double scale = Math.max((hi - lo) / 255.0, 1e-8);
        long zp = Math.round(-128 - lo / scale);
        return new QParams((float) scale, (int) Math.max(-128, Math.min(127, zp)));
    }

    byte quantize(float real) {
        long q = Math.round(real / scale) + zeroPoint;
        return (byte) Math.max(-128, Math.min(127, q));
    }
}

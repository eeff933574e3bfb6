package io.edgebench.model;

/** Per-tensor affine quantization: real = scale * (q - zeroPoint). Per-channel models report the first channel. */
public record Quantization(double scale, long zeroPoint) {
    public Quantization {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("quantization scale [" + scale + "] must be a finite number > 0");
        }
    }
}

package io.edgebench.model;

import java.util.Objects;

/**
 * What an output's values (as a session returns them) are, so outputs are compared like with like.
 *
 * @param kind float values, dequantized codes, exact integers, or integer codes with no known scale
 * @param stepReal one quantization step in real units (the scale) when DEQUANTIZED, else null
 * @param note why RAW_CODES cannot be put on the real scale; null otherwise
 */
public record OutputCoding(Kind kind, DType dtype, Double stepReal, String note) {
    /** How the values came to be. */
    public enum Kind {
        FLOAT,
        DEQUANTIZED,
        INTEGER,
        RAW_CODES
    }

    public OutputCoding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dtype, "dtype");
        if ((kind == Kind.DEQUANTIZED) != (stepReal != null)) {
            throw new IllegalArgumentException(
                    "stepReal is set exactly for DEQUANTIZED outputs, got " + kind + " with " + stepReal);
        }
    }

    /** The coding of an output as the session reads it: dequantized where it has a scale. */
    public static OutputCoding of(TensorInfo t, String unresolvedNote) {
        if (t.quantization() != null) {
            return new OutputCoding(
                    Kind.DEQUANTIZED, t.dtype(), t.quantization().scale(), null);
        }
        return switch (t.dtype()) {
            case FLOAT32, FLOAT16 -> new OutputCoding(Kind.FLOAT, t.dtype(), null, null);
            case INT8, UINT8, INT16 ->
                new OutputCoding(
                        Kind.RAW_CODES,
                        t.dtype(),
                        null,
                        unresolvedNote != null
                                ? unresolvedNote
                                : "output [" + t.name() + "] is " + t.dtype().id() + " without a scale and zero"
                                        + " point");
            default -> new OutputCoding(Kind.INTEGER, t.dtype(), null, null);
        };
    }

    /** "int8 step 0.00390625", "float32" for messages. */
    public String describe() {
        return kind == Kind.DEQUANTIZED
                ? dtype.id() + " dequantized (step " + String.format(java.util.Locale.ROOT, "%.3g", stepReal) + ")"
                : kind == Kind.RAW_CODES ? dtype.id() + " codes, not dequantized" : dtype.id();
    }
}

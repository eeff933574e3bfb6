package io.edgebench.model.forge;

import java.util.Locale;

/** The element type of a forged int8 ONNX model's output: dequantized float32, or the int8 codes themselves. */
public enum OnnxOutput {
    FLOAT32,
    INT8;

    public static OnnxOutput parse(String value) {
        for (OnnxOutput o : values()) {
            if (o.id().equalsIgnoreCase(value)) {
                return o;
            }
        }
        throw new IllegalArgumentException("onnx output [" + value + "] must be one of float32, int8");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.edgebench.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Tensor element types, named as both TFLite and ONNX users know them. */
public enum DType {
    FLOAT32(4),
    FLOAT16(2),
    INT8(1),
    UINT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    BOOL(1),
    STRING(0),
    OTHER(0);

    private final int sizeBytes;

    DType(int sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    /** Bytes per element; 0 where it is not fixed. */
    public int sizeBytes() {
        return sizeBytes;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

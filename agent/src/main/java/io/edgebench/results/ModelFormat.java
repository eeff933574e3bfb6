package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Model file formats edgebench understands, as sniffed from the content (never from the file name). */
public enum ModelFormat {
    TFLITE(RuntimeKind.TFLITE),
    ONNX(RuntimeKind.ONNX);

    private final RuntimeKind runtime;

    ModelFormat(RuntimeKind runtime) {
        this.runtime = runtime;
    }

    /** The runtime that executes this format. */
    public RuntimeKind runtime() {
        return runtime;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The inference runtimes edgebench compares. */
public enum RuntimeKind {
    TFLITE,
    ONNX;

    /** The lower-case name used on the command line, in JSON and in MQTT payloads. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "tflite" or "onnx"; the error names the value and the accepted ones. */
    public static RuntimeKind parse(String value) {
        for (RuntimeKind kind : values()) {
            if (kind.id().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("runtime [" + value + "] must be one of tflite, onnx");
    }
}

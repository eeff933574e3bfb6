package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a runtime executes the graph. TFLite: {@code cpu} = builtin kernels without XNNPACK, {@code xnnpack} = the
 * XNNPACK delegate, {@code edgetpu} = libedgetpu through our JNI shim. ONNX Runtime: {@code cpu} = the CPU EP.
 */
public enum Delegate {
    CPU,
    XNNPACK,
    EDGETPU;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Delegate parse(String value) {
        for (Delegate d : values()) {
            if (d.id().equalsIgnoreCase(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("delegate [" + value + "] must be one of cpu, xnnpack, edgetpu");
    }
}

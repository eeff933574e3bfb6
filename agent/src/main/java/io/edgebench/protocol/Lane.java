package io.edgebench.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One column of a comparison: a model file run by one runtime with one delegate. */
public record Lane(Path model, RuntimeKind runtime, Delegate delegate) {
    public Lane {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(delegate, "delegate");
    }

    /** e.g. "tiny_f32.tflite tflite:xnnpack". */
    public String label() {
        return model.getFileName() + " " + runtime.id() + ":" + delegate.id();
    }

    /** A runtime:delegate choice from --delegates. */
    public record Choice(RuntimeKind runtime, Delegate delegate) {
        /** Parses "tflite:cpu,tflite:xnnpack,onnx:cpu"; the error names the bad item and the form. */
        public static List<Choice> parseList(String spec) {
            List<Choice> choices = new ArrayList<>();
            for (String item : spec.split(",")) {
                String s = item.trim();
                int colon = s.indexOf(':');
                if (colon <= 0 || colon == s.length() - 1) {
                    throw new IllegalArgumentException("--delegates item [" + s + "] must look like runtime:delegate,"
                            + " e.g. tflite:cpu,tflite:xnnpack,onnx:cpu");
                }
                Choice c = new Choice(RuntimeKind.parse(s.substring(0, colon)), Delegate.parse(s.substring(colon + 1)));
                if (c.runtime() == RuntimeKind.ONNX && c.delegate() != Delegate.CPU) {
                    throw new IllegalArgumentException("--delegates item [" + s + "]: this ONNX Runtime build has the"
                            + " CPU execution provider only; use onnx:cpu");
                }
                if (!choices.contains(c)) {
                    choices.add(c);
                }
            }
            return choices;
        }
    }
}

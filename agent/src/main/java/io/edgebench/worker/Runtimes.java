package io.edgebench.worker;

import io.edgebench.runtime.InferenceRuntime;
import io.edgebench.runtime.RuntimeKind;

/** The runtime implementations, by kind; only the worker process loads them (and so their native libraries). */
final class Runtimes {
    private Runtimes() {}

    static InferenceRuntime forKind(RuntimeKind kind) {
        String name = switch (kind) {
            case TFLITE -> "io.edgebench.runtime.tflite.TfliteRuntime";
            case ONNX -> "io.edgebench.runtime.onnx.OnnxRuntime";
        };
        try {
            return (InferenceRuntime) Class.forName(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("runtime [" + kind.id() + "] is not available in this build (" + e + ")",
                    e);
        }
    }
}

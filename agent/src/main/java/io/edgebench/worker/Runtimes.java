package io.edgebench.worker;

import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.InferenceRuntime;
import io.edgebench.runtime.onnx.OnnxRuntime;
import io.edgebench.runtime.tflite.TfliteRuntime;

/** The runtime implementations, by kind; only the worker process loads them (and so their native libraries). */
final class Runtimes {
    private Runtimes() {}

    static InferenceRuntime forKind(RuntimeKind kind) {
        return switch (kind) {
            case TFLITE -> new TfliteRuntime();
            case ONNX -> new OnnxRuntime();
        };
    }
}

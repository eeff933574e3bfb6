package io.edgebench.runtime;

import io.edgebench.results.RuntimeKind;
import java.nio.file.Path;

/** A runtime that can open models. Implementations: runtime.tflite.TfliteRuntime, runtime.onnx.OnnxRuntime. */
public interface InferenceRuntime {

    RuntimeKind kind();

    /** Version of the native runtime library. */
    String version();

    /** Opens, verifies and prepares the model; throws ModelLoadException with a teaching message on any failure. */
    ModelSession open(Path model, SessionOptions options);
}

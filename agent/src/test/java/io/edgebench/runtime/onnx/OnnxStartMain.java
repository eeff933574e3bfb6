package io.edgebench.runtime.onnx;

import io.edgebench.model.ModelLoadException;

/** Child-process entry for OnnxStartupTest: loads ONNX Runtime, prints its version; 65 on a ModelLoadException. */
public final class OnnxStartMain {
    private OnnxStartMain() {}

    public static void main(String[] args) {
        try {
            System.out.println(new OnnxRuntime().version());
        } catch (ModelLoadException e) {
            System.err.println(e.getMessage());
            System.exit(65);
        }
    }
}

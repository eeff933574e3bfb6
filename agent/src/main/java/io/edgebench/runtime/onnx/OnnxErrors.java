package io.edgebench.runtime.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgebench.model.ModelLoadException;

/** ONNX Runtime's errors as ModelLoadExceptions: its own text plus a hint chosen by its error code. */
final class OnnxErrors {
    private OnnxErrors() {}

    static ModelLoadException wrap(String model, OrtException e) {
        return new ModelLoadException(
                "ONNX Runtime could not load model [" + model + "]: " + e.getMessage() + ". Hint: " + hint(e.getCode()),
                e);
    }

    private static String hint(OrtException.OrtErrorCode code) {
        return switch (code) {
            case ORT_INVALID_PROTOBUF, ORT_NO_MODEL ->
                "the file is not a loadable ONNX model; check its sha256 " + "and re-export or re-download it.";
            case ORT_NOT_IMPLEMENTED ->
                "an operator or opset in the model is not implemented by this ONNX Runtime "
                        + "build (CPU EP); see the op counts of edgebench inspect.";
            case ORT_INVALID_GRAPH, ORT_FAIL ->
                "the graph fails ONNX Runtime's checks; validate it with the onnx "
                        + "checker or re-export with a supported opset.";
            case ORT_INVALID_ARGUMENT ->
                "a session option or input shape was rejected; check --threads and " + "--input-shape.";
            default -> "run edgebench inspect on the model to see what it contains.";
        };
    }

    /** Closing never masks the error being reported. */
    static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException | RuntimeException ignored) {
            // the session is unusable either way; the original failure is what the user needs
        }
    }
}

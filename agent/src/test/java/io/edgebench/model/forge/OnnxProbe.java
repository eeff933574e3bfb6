package io.edgebench.model.forge;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Test-only ONNX Runtime runner (until runtime.onnx lands): float32 NCHW in, float32 out. */
final class OnnxProbe implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final long[] inputShape;

    OnnxProbe(Path file, long[] inputShape) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        this.session = env.createSession(file.toString(), options);
        this.inputShape = inputShape.clone();
    }

    float[] run(float[] nchw) throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), inputShape);
                OrtSession.Result r = session.run(Map.of("input", t))) {
            return ((float[][]) r.get(0).getValue())[0];
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}

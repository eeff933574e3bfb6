package io.edgebench.model.forge;

import io.edgebench.model.DType;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.onnx.OnnxRuntime;
import io.edgebench.runtime.tflite.TfliteRuntime;
import java.nio.file.Path;

/** A forged (or real) model opened through the project's own runtimes; real values in and out. */
final class ForgedSession implements AutoCloseable {
    private final ModelSession session;

    private ForgedSession(ModelSession session) {
        this.session = session;
    }

    static ForgedSession tflite(Path model, boolean xnnpack, int threads) {
        return new ForgedSession(new TfliteRuntime()
                .open(
                        model,
                        SessionOptions.of(RuntimeKind.TFLITE, xnnpack ? Delegate.XNNPACK : Delegate.CPU, threads)));
    }

    static ForgedSession onnx(Path model) {
        return new ForgedSession(new OnnxRuntime().open(model, SessionOptions.of(RuntimeKind.ONNX, Delegate.CPU, 1)));
    }

    float[] run(float[] input) {
        session.setInput(0, input);
        session.run();
        return session.output(0);
    }

    long nodes() {
        return session.delegation().totalNodes();
    }

    boolean int8Input() {
        return session.inputs().get(0).dtype() == DType.INT8;
    }

    @Override
    public void close() {
        session.close();
    }
}

package io.edgebench.runtime.tflite;

import io.edgebench.model.TensorInfo;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionTimings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TFLite session on the Edge TPU: the TfliteSession does all the work (and owns the delegate); this adds the
 * result's {@code edgetpu} object and the warnings found while opening it.
 */
final class EdgeTpuSession implements ModelSession {
    private final ModelSession session;
    private final EdgeTpuInfo info;
    private final List<String> warnings;

    EdgeTpuSession(ModelSession session, EdgeTpuInfo info, List<String> warnings) {
        this.session = Objects.requireNonNull(session, "session");
        this.info = Objects.requireNonNull(info, "info");
        this.warnings = List.copyOf(warnings);
    }

    @Override
    public Optional<EdgeTpuInfo> edgeTpu() {
        return Optional.of(info);
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public RuntimeKind runtime() {
        return session.runtime();
    }

    @Override
    public String runtimeVersion() {
        return session.runtimeVersion();
    }

    @Override
    public Delegate delegate() {
        return session.delegate();
    }

    @Override
    public SessionTimings timings() {
        return session.timings();
    }

    @Override
    public List<TensorInfo> inputs() {
        return session.inputs();
    }

    @Override
    public List<TensorInfo> outputs() {
        return session.outputs();
    }

    @Override
    public void setInput(int index, float[] realValues) {
        session.setInput(index, realValues);
    }

    @Override
    public void setInputBytes(int index, java.nio.ByteBuffer bytes) {
        session.setInputBytes(index, bytes);
    }

    @Override
    public java.util.List<Long> outputShape(int index) {
        return session.outputShape(index);
    }

    @Override
    public io.edgebench.results.OpProfile profileOps(int runs) {
        return session.profileOps(runs);
    }

    @Override
    public void run() {
        session.run();
    }

    @Override
    public float[] output(int index) {
        return session.output(index);
    }

    @Override
    public Delegation delegation() {
        return session.delegation();
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return session + "@" + info.deviceType() + ":" + info.devicePath();
    }
}

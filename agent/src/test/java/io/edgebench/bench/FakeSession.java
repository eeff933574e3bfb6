package io.edgebench.bench;

import io.edgebench.model.TensorInfo;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionTimings;
import java.util.ArrayList;
import java.util.List;

/** An in-memory ModelSession whose run() busy-waits a fixed time; records what was fed, for loop and protocol tests. */
public final class FakeSession implements ModelSession {
    private final List<TensorInfo> inputs;
    private final long runNanos;
    public final List<float[]> fed = new ArrayList<>();
    public long runCalls;
    public boolean closed;

    public FakeSession(List<TensorInfo> inputs, long runNanos) {
        this.inputs = List.copyOf(inputs);
        this.runNanos = runNanos;
        inputs.forEach(i -> fed.add(null));
    }

    @Override
    public RuntimeKind runtime() {
        return RuntimeKind.TFLITE;
    }

    @Override
    public String runtimeVersion() {
        return "fake-1.0";
    }

    @Override
    public Delegate delegate() {
        return Delegate.CPU;
    }

    @Override
    public SessionTimings timings() {
        return new SessionTimings(11, 22);
    }

    @Override
    public List<TensorInfo> inputs() {
        return inputs;
    }

    @Override
    public List<TensorInfo> outputs() {
        return List.of(new TensorInfo("sum", io.edgebench.model.DType.FLOAT32, List.of(1L), null, null));
    }

    @Override
    public void setInput(int index, float[] realValues) {
        fed.set(index, realValues.clone());
    }

    @Override
    public void run() {
        runCalls++;
        long end = System.nanoTime() + runNanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Output 0: the sum of input 0, so tests can see that outputs follow the seed. */
    @Override
    public float[] output(int index) {
        float sum = 0;
        for (float v : fed.get(0)) {
            sum += v;
        }
        return new float[] {sum};
    }

    @Override
    public Delegation delegation() {
        return new Delegation(0, 3);
    }

    @Override
    public void close() {
        closed = true;
    }
}

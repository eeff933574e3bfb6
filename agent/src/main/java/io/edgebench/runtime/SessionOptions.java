package io.edgebench.runtime;

import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.RuntimeKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to open a model.
 *
 * @param threads intra-op threads (TFLite interpreter threads; ONNX Runtime intra_op_num_threads), >= 1
 * @param onnxSpinning ONNX Runtime's session.intra_op.allow_spinning; off saves power on boards between runs
 * @param inputShapes concrete shapes for inputs with dynamic dims, by input name
 * @param requireFullDelegation fail the open when any node stays on the CPU
 */
public record SessionOptions(
        RuntimeKind runtime,
        Delegate delegate,
        int threads,
        boolean onnxSpinning,
        Map<String, List<Long>> inputShapes,
        EdgeTpuOptions edgeTpu,
        boolean requireFullDelegation) {

    public SessionOptions {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(delegate, "delegate");
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads [" + threads + "] must be 1..256");
        }
        inputShapes = inputShapes == null ? Map.of() : Map.copyOf(inputShapes);
        edgeTpu = edgeTpu == null ? EdgeTpuOptions.defaults() : edgeTpu;
    }

    public static SessionOptions of(RuntimeKind runtime, Delegate delegate, int threads) {
        return new SessionOptions(runtime, delegate, threads, true, Map.of(), EdgeTpuOptions.defaults(), false);
    }
}

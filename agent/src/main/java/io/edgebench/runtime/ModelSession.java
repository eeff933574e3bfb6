package io.edgebench.runtime;

import io.edgebench.model.OutputCoding;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.OpProfile;
import io.edgebench.results.RuntimeKind;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * One loaded model, ready to run: the owner of every native handle behind it. Not thread-safe; close() is idempotent
 * and any other call after it throws IllegalStateException.
 */
public interface ModelSession extends AutoCloseable {

    RuntimeKind runtime();

    /** Version of the native runtime library, e.g. "2.21.0" or "1.29.0". */
    String runtimeVersion();

    Delegate delegate();

    SessionTimings timings();

    List<TensorInfo> inputs();

    List<TensorInfo> outputs();

    /**
     * Copies real values into input {@code index}: quantized tensors get round(v / scale) + zero point, clamped to
     * the type's range; other integer tensors get round(v), clamped.
     */
    void setInput(int index, float[] realValues);

    /**
     * Copies raw element bytes into input {@code index}: exactly elementCount * dtype size bytes in the tensor's own
     * dtype, little-endian (the native order of every platform edgebench ships for). Used for user-supplied inputs
     * (.npy, .bin, images already encoded for the tensor), so int64 values or quantized bytes arrive unchanged.
     */
    default void setInputBytes(int index, ByteBuffer bytes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot take raw input bytes");
    }

    /** The shape output {@code index} had in the last run (dynamic dims resolved where the runtime knows them). */
    default List<Long> outputShape(int index) {
        return outputs().get(index).shape();
    }

    /**
     * Runs {@code runs} inferences on the current inputs with the runtime's per-operator profiler and returns where
     * the time went. Call it after the timed loop: the profiler stays out of the timed latency.
     */
    default OpProfile profileOps(int runs) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no per-op profiler");
    }

    /** Runs the graph once on the current inputs. This is all the timed loop calls. */
    void run();

    /** Output {@code index} of the last run as real values (dequantized where the tensor is quantized). */
    float[] output(int index);

    /** What {@link #output} returns for output {@code index}: floats, dequantized codes, integers or raw codes. */
    default OutputCoding outputCoding(int index) {
        return OutputCoding.of(outputs().get(index), null);
    }

    /**
     * Nodes on the delegate vs all nodes (TFLite: 0 delegated on its CPU kernels); null where the runtime has no
     * delegate (ONNX Runtime: its CPU execution provider is the runtime itself).
     */
    Delegation delegation();

    /** The Edge TPU that runs this session (device, performance, libedgetpu version); empty for other delegates. */
    default Optional<EdgeTpuInfo> edgeTpu() {
        return Optional.empty();
    }

    /**
     * Things the user should know that did not stop the session, e.g. "nothing was delegated to the Edge TPU" or a
     * libedgetpu not known to match this TFLite. Results carry them next to the numbers.
     */
    default List<String> warnings() {
        return List.of();
    }

    @Override
    void close();
}

package io.edgebench.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgebench.model.DType;
import io.edgebench.model.TensorInfo;
import io.edgebench.runtime.onnx.OnnxTensors.InputSlot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outputs preallocated once ("pinned"): every output with a fully static shape and a fixed-size element type gets a
 * direct buffer and a tensor over it, and ONNX Runtime writes into them in place on each run. Without pins, every run
 * makes ONNX Runtime allocate each output and the Java binding wrap each in a new OnnxTensor (type and shape read back
 * over JNI) that the next run releases: measurable per call against the C API on small models. Outputs of dynamic
 * shape stay ONNX Runtime-allocated. Owns the pinned tensors.
 */
final class OutputPins implements AutoCloseable {
    private final List<String> names;
    private final Map<String, OnnxTensor> pinned;
    private final Set<String> unpinned;
    private final Set<String> all;
    private boolean active;

    private OutputPins(List<String> names, Map<String, OnnxTensor> pinned, Set<String> unpinned) {
        this.names = List.copyOf(names);
        this.pinned = Collections.unmodifiableMap(pinned);
        this.unpinned = Collections.unmodifiableSet(unpinned);
        this.all = Collections.unmodifiableSet(new LinkedHashSet<>(names));
        this.active = !pinned.isEmpty();
    }

    static OutputPins allocate(OrtEnvironment env, List<TensorInfo> outputs) throws OrtException {
        List<String> names = new ArrayList<>();
        Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
        Set<String> unpinned = new LinkedHashSet<>();
        try {
            for (TensorInfo out : outputs) {
                names.add(out.name());
                long[] shape = staticShape(out);
                if (shape == null) {
                    unpinned.add(out.name());
                } else {
                    InputSlot slot = OnnxTensors.allocate(env, out.name(), out.dtype(), shape);
                    pinned.put(out.name(), slot.tensor());
                }
            }
        } catch (OrtException | RuntimeException e) {
            pinned.values().forEach(OnnxTensor::close);
            throw e;
        }
        return new OutputPins(names, pinned, unpinned);
    }

    /** The shape to pin, or null when the output cannot be pinned (dynamic dims, variable-size type, 2 GiB+). */
    private static long[] staticShape(TensorInfo out) {
        if (out.dtype().sizeBytes() == 0 || out.dtype() == DType.OTHER || out.dtype() == DType.STRING) {
            return null;
        }
        long[] shape = new long[out.shape().size()];
        long bytes = out.dtype().sizeBytes();
        for (int i = 0; i < shape.length; i++) {
            shape[i] = out.shape().get(i);
            if (shape[i] < 1) {
                return null;
            }
            bytes *= shape[i];
            if (bytes > Integer.MAX_VALUE) {
                return null;
            }
        }
        return shape;
    }

    /**
     * One inference. If a pinned run fails (e.g. a model whose declared output shape is not what it produces) and
     * the same run without pins succeeds, pinning is switched off for good, so such models still run.
     */
    OrtSession.Result run(OrtSession session, Map<String, OnnxTensor> feed) throws OrtException {
        if (!active) {
            return session.run(feed, all);
        }
        try {
            return session.run(feed, unpinned, pinned);
        } catch (OrtException pinnedFailure) {
            OrtSession.Result result = session.run(feed, all);
            active = false;
            return result;
        }
    }

    /** Output {@code index} of the last run: the pinned tensor, or the value in {@code last}. */
    OnnxValue value(OrtSession.Result last, int index) {
        String name = names.get(index);
        if (active) {
            OnnxTensor t = pinned.get(name);
            if (t != null) {
                return t;
            }
        }
        return last.get(name)
                .orElseThrow(() -> new IllegalStateException(
                        "ONNX Runtime returned no output [" + name + "]; expected one of " + names));
    }

    /** Whether outputs are written into preallocated tensors (false: none pinnable, or pinning was switched off). */
    boolean active() {
        return active;
    }

    @Override
    public void close() {
        pinned.values().forEach(OnnxTensor::close);
    }
}

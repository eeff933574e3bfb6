package io.edgebench.model;

import java.util.List;
import java.util.Objects;

/**
 * A model input or output as the runtime reports it.
 *
 * @param shape dimensions; -1 marks a dynamic dimension
 * @param dimNames symbolic names of dynamic dimensions (same length as shape; null entries for static dims), or empty
 * @param quantization null when the tensor is not quantized
 */
public record TensorInfo(String name, DType dtype, List<Long> shape, List<String> dimNames, Quantization quantization) {
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = List.copyOf(shape);
        dimNames = dimNames == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dimNames));
    }

    /** True when any dimension is only known at run time. */
    public boolean isDynamic() {
        return shape.stream().anyMatch(d -> d < 0);
    }

    /** Number of elements; only valid for static shapes. */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}

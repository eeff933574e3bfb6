package io.edgebench.runtime.onnx;

import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns declared input shapes (-1 for dynamic dims) plus the user's {@code --input-shape} values into the concrete
 * shapes the session allocates and runs with. Every mismatch is a ModelLoadException naming the input, the dims and
 * a working example.
 */
final class InputShapes {
    private InputShapes() {}

    /** Rejects shapes given for inputs the model does not have (a typo would otherwise be silently ignored). */
    static void checkNames(String model, List<TensorInfo> inputs, Map<String, List<Long>> given) {
        Set<String> names = inputs.stream().map(TensorInfo::name).collect(Collectors.toSet());
        for (String key : given.keySet()) {
            if (!names.contains(key)) {
                throw new ModelLoadException("--input-shape names input [" + key + "], but model [" + model
                        + "] has inputs "
                        + inputs.stream().map(TensorInfo::name).toList()
                        + (inputs.isEmpty() ? "" : ". Example: --input-shape " + example(inputs.get(0))));
            }
        }
    }

    /** The run-time shape of {@code input}: its static dims, with dynamic ones taken from {@code given}. */
    static long[] resolve(String model, TensorInfo input, Map<String, List<Long>> given) {
        List<Long> declared = input.shape();
        List<Long> wanted = given.get(input.name());
        if (wanted == null) {
            if (input.isDynamic()) {
                throw new ModelLoadException("Input [" + input.name() + "] of model [" + model
                        + "] has dynamic dims " + dynamicDims(input) + " (shape " + render(declared)
                        + "); give a concrete shape, e.g. --input-shape " + example(input));
            }
            return declared.stream().mapToLong(Long::longValue).toArray();
        }
        if (wanted.size() != declared.size()) {
            throw new ModelLoadException("--input-shape for input [" + input.name() + "] has rank " + wanted.size()
                    + " " + render(wanted) + ", but the model declares rank " + declared.size() + " "
                    + render(declared) + ". Example: --input-shape " + example(input));
        }
        long[] shape = new long[declared.size()];
        for (int i = 0; i < shape.length; i++) {
            long w = wanted.get(i);
            long d = declared.get(i);
            if (w < 1 || (d >= 0 && w != d)) {
                throw new ModelLoadException("--input-shape for input [" + input.name() + "] sets dim " + i + " to ["
                        + w + "], but the model declares " + render(declared) + " (only -1 dims may be chosen, "
                        + "values >= 1). Example: --input-shape " + example(input));
            }
            shape[i] = w;
        }
        return shape;
    }

    /** "name=1x3x48x192"-style example: static dims kept, a dynamic batch dim 1, other dynamic dims 224. */
    static String example(TensorInfo input) {
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < input.shape().size(); i++) {
            long d = input.shape().get(i);
            dims.add(d >= 0 ? Long.toString(d) : i == 0 ? "1" : "224");
        }
        return input.name() + "=" + String.join("x", dims);
    }

    private static List<String> dynamicDims(TensorInfo input) {
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < input.shape().size(); i++) {
            if (input.shape().get(i) < 0) {
                String name = i < input.dimNames().size() ? input.dimNames().get(i) : null;
                dims.add(name == null || name.isEmpty() ? "#" + i : name);
            }
        }
        return dims;
    }

    static String render(List<Long> shape) {
        return shape.toString().replace(" ", "");
    }
}

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

    /**
     * Every input with dynamic dims and no --input-shape, named in one error with one command line that fills them
     * all, rather than one input per try.
     */
    static void checkAllGiven(String model, List<TensorInfo> inputs, Map<String, List<Long>> given) {
        List<TensorInfo> missing = inputs.stream()
                .filter(i -> i.isDynamic() && !given.containsKey(i.name()))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        if (missing.size() == 1) {
            TensorInfo i = missing.get(0);
            throw new ModelLoadException("Input [" + i.name() + "] of model [" + model + "] has dynamic dims "
                    + dynamicDims(i) + " (shape " + render(i.shape()) + "); give a concrete shape, e.g. --input-shape "
                    + example(i));
        }
        List<String> what = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (TensorInfo i : missing) {
            what.add("[" + i.name() + "] " + dynamicDims(i) + " (shape " + render(i.shape()) + ")");
            flags.add("--input-shape " + example(i));
        }
        throw new ModelLoadException(missing.size() + " inputs of model [" + model + "] have dynamic dims: "
                + String.join(", ", what) + "; give a concrete shape for each, e.g. " + String.join(" ", flags));
    }

    /** The run-time shape of {@code input}: its static dims, with dynamic ones taken from {@code given}. */
    static long[] resolve(String model, TensorInfo input, Map<String, List<Long>> given) {
        List<Long> declared = input.shape();
        List<Long> wanted = given.get(input.name());
        if (wanted == null) {
            checkAllGiven(model, List.of(input), given);
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

    /**
     * "name=1x3x224x224"-style example: static dims kept, a dynamic dim 224 only where it is an image's height or
     * width (rank 4 with 1 or 3 channels first or last), 1 elsewhere (a batch, a sequence or a state of unknown
     * size: 224 there made no sense, e.g. state=2x224x128).
     */
    static String example(TensorInfo input) {
        List<Long> shape = input.shape();
        boolean nchw = shape.size() == 4 && (shape.get(1) == 1 || shape.get(1) == 3);
        boolean nhwc = !nchw && shape.size() == 4 && (shape.get(3) == 1 || shape.get(3) == 3);
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            long d = shape.get(i);
            boolean spatial = nchw && i >= 2 || nhwc && (i == 1 || i == 2);
            dims.add(d >= 0 ? Long.toString(d) : spatial ? "224" : "1");
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

package io.edgebench.runtime.tflite;

import io.edgebench.model.ModelLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/** Gives every dynamic input dim a concrete size before AllocateTensors, from SessionOptions.inputShapes. */
final class TfliteShapes {
    private final Path model;
    private final Interpreter interpreter;

    TfliteShapes(Path model, Interpreter interpreter) {
        this.model = model;
        this.interpreter = interpreter;
    }

    /** The interpreter's input count (bytedeco maps the std::vector with its size as the pointer's limit). */
    static int inputCount(Interpreter interpreter) {
        return (int) interpreter.inputs().limit();
    }

    void apply(Map<String, List<Long>> shapes) {
        Set<String> names = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        int count = inputCount(interpreter);
        for (int i = 0; i < count; i++) {
            TfLiteTensor tensor = interpreter.input_tensor(i);
            String name = tensor.name() == null || tensor.name().isNull()
                    ? "input" + i
                    : tensor.name().getString();
            names.add(name);
            ordered.add(name);
            List<Long> declared = TfliteTensors.declaredDims(tensor);
            List<Long> given = shapes.get(name);
            if (given != null) {
                resize(i, name, declared, given);
            } else if (declared.stream().anyMatch(d -> d < 0)) {
                throw missingShape(name, declared);
            }
        }
        for (String key : shapes.keySet()) {
            if (!names.contains(key)) {
                throw new ModelLoadException("Model [" + model + "] has no input [" + key + "] to give a shape to;"
                        + " its inputs are " + ordered + ".");
            }
        }
    }

    private void resize(int index, String name, List<Long> declared, List<Long> given) {
        boolean fits = given.size() == declared.size();
        for (int d = 0; fits && d < given.size(); d++) {
            long size = given.get(d);
            fits = size >= 1 && size <= Integer.MAX_VALUE && (declared.get(d) < 0 || declared.get(d) == size);
        }
        if (!fits) {
            throw new ModelLoadException("Model [" + model + "] input [" + name + "] has shape " + declared
                    + " (-1 = dynamic); the given shape " + given + " does not fit it. Example: --input-shape "
                    + name + "=" + example(declared));
        }
        if (declared.stream().noneMatch(d -> d < 0)) {
            return; // already that shape
        }
        int[] dims = given.stream().mapToInt(Long::intValue).toArray();
        int status = interpreter.ResizeInputTensorStrict(interpreter.inputs().get(index), dims);
        if (status != 0) {
            throw new ModelLoadException("Model [" + model + "] input [" + name + "] could not be resized to " + given
                    + " (TFLite status " + status + ").");
        }
    }

    private ModelLoadException missingShape(String name, List<Long> declared) {
        List<Integer> dynamic = new ArrayList<>();
        for (int d = 0; d < declared.size(); d++) {
            if (declared.get(d) < 0) {
                dynamic.add(d);
            }
        }
        return new ModelLoadException("Model [" + model + "] input [" + name + "] has dynamic dim"
                + (dynamic.size() > 1 ? "s " : " ")
                + dynamic.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " in shape " + declared
                + " and no shape was given for it."
                + " Example: --input-shape " + name + "=" + example(declared));
    }

    /** A concrete example: batch 1, other dynamic dims 128, static dims kept. */
    static String example(List<Long> declared) {
        List<String> parts = new ArrayList<>();
        for (int d = 0; d < declared.size(); d++) {
            long size = declared.get(d);
            parts.add(String.valueOf(size >= 0 ? size : d == 0 ? 1 : 128));
        }
        return String.join("x", parts);
    }
}

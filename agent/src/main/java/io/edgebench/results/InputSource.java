package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the values of one input come from, as the user said it ({@code --input}, {@code --input-value},
 * {@code --input-range}; MQTT's {@code inputs}, {@code input_values}, {@code input_ranges}). Exactly one of
 * {@code file}, {@code value} or {@code range} is set.
 *
 * @param name the model input it feeds; null: the model's only input (so one image drives a .tflite whose input is
 *     "input" and an .onnx whose input is "input:0")
 * @param file .npy, .bin, an image (.png, .jpg, .jpeg, .bmp, .gif), or a directory of such files (one per sample)
 * @param value a constant for every element (e.g. sr=16000), a real value (quantized by the tensor's parameters)
 * @param range seeded uniform values in [low, high] (whole numbers for non-quantized integer tensors)
 */
public record InputSource(String name, Path file, Double value, Range range) {
    /** {@code --input-range}'s bounds. */
    public record Range(double low, double high) {}

    public InputSource {
        int set = (file != null ? 1 : 0) + (value != null ? 1 : 0) + (range != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException(
                    "input [" + label(name) + "] needs exactly one of a file, a value or a" + " range; got " + set);
        }
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("--input-value " + label(name) + " [" + value + "] must be finite");
        }
        if (range != null
                && (!Double.isFinite(range.low()) || !Double.isFinite(range.high()) || range.low() > range.high())) {
            throw new IllegalArgumentException("--input-range " + label(name) + " [" + range.low() + ","
                    + range.high() + "] must be two finite numbers LO,HI with LO <= HI, e.g. " + label(name)
                    + "=-1,1");
        }
    }

    public static InputSource file(String name, Path file) {
        return new InputSource(name, file, null, null);
    }

    public static InputSource value(String name, double value) {
        return new InputSource(name, null, value, null);
    }

    public static InputSource range(String name, double low, double high) {
        return new InputSource(name, null, null, new Range(low, high));
    }

    /** "file", "value" or "range". Not a JSON property. */
    @JsonIgnore
    public String kind() {
        return file != null ? "file" : value != null ? "value" : "range";
    }

    /** How the user would have written it, for messages: "--input x=a.npy". */
    @JsonIgnore
    public String flag() {
        String n = name == null ? "" : name + "=";
        return switch (kind()) {
            case "file" -> "--input " + n + file;
            case "value" -> "--input-value " + n + num(value);
            default -> "--input-range " + n + num(range.low()) + "," + num(range.high());
        };
    }

    public static String label(String name) {
        return name == null ? "(the only input)" : name;
    }

    public static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}

package io.edgebench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One column of a comparison: a model file run by one runtime with one delegate.
 *
 * @param threads the lane's own thread count in a --threads sweep; null: the comparison's
 */
public record Lane(Path model, RuntimeKind runtime, Delegate delegate, Integer threads) {
    public Lane {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(delegate, "delegate");
    }

    public Lane(Path model, RuntimeKind runtime, Delegate delegate) {
        this(model, runtime, delegate, null);
    }

    /** e.g. "tiny_f32.tflite tflite:xnnpack", "tiny_f32.tflite tflite:xnnpack threads=2" in a sweep. */
    public String label() {
        return model.getFileName() + " " + shortLabel();
    }

    private String shortLabel() {
        return runtime.id() + ":" + delegate.id() + (threads == null ? "" : " threads=" + threads);
    }

    /**
     * Names for verdict sentences: without the model when every lane runs the same file name, and with "#N"
     * (1-based lane number) where names would still collide (the same model and delegate twice).
     */
    public static List<String> shortNames(List<Lane> lanes) {
        boolean oneModel =
                lanes.stream().map(l -> l.model().getFileName()).distinct().count() <= 1;
        List<String> names = new ArrayList<>();
        for (Lane l : lanes) {
            names.add(oneModel ? l.shortLabel() : l.label());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            out.add(java.util.Collections.frequency(names, n) > 1 ? n + " #" + (i + 1) : n);
        }
        return out;
    }

    /** {@link #label()}s, with " #N" (1-based lane number) on those that would collide (a model given twice). */
    public static List<String> uniqueLabels(List<Lane> lanes) {
        List<String> labels = new ArrayList<>();
        for (Lane l : lanes) {
            labels.add(l.label());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String n = labels.get(i);
            out.add(java.util.Collections.frequency(labels, n) > 1 ? n + " #" + (i + 1) : n);
        }
        return out;
    }

    /** Lanes per comparison: each keeps a worker JVM (~100 MB) up for the whole comparison. */
    public static final int MAX_LANES = 16;

    /** Every lane once per thread count: the sweep's product (models x choices x threads). */
    public static List<Lane> sweep(List<Lane> lanes, List<Integer> threads) {
        if (threads == null || threads.size() < 2) {
            return lanes;
        }
        if (lanes.size() * threads.size() > MAX_LANES) {
            throw new IllegalArgumentException("--threads " + threads + " x " + lanes.size() + " lanes makes "
                    + lanes.size() * threads.size() + " lanes; at most " + MAX_LANES + " run at once (each keeps a"
                    + " worker up): sweep fewer thread counts or delegates");
        }
        List<Lane> out = new ArrayList<>();
        for (Lane l : lanes) {
            for (int t : threads) {
                out.add(new Lane(l.model(), l.runtime(), l.delegate(), t));
            }
        }
        return out;
    }

    /** A runtime:delegate choice from --delegates. */
    public record Choice(RuntimeKind runtime, Delegate delegate) {
        /** Parses "tflite:cpu,tflite:xnnpack,onnx:cpu"; the error names the bad item and the form. */
        public static List<Choice> parseList(String spec) {
            List<Choice> choices = new ArrayList<>();
            for (String item : spec.split(",")) {
                String s = item.trim();
                int colon = s.indexOf(':');
                if (colon <= 0 || colon == s.length() - 1) {
                    throw new IllegalArgumentException("--delegates item [" + s + "] must look like runtime:delegate,"
                            + " e.g. tflite:cpu,tflite:xnnpack,onnx:cpu");
                }
                Choice c = new Choice(RuntimeKind.parse(s.substring(0, colon)), Delegate.parse(s.substring(colon + 1)));
                if (c.runtime() == RuntimeKind.ONNX && c.delegate() != Delegate.CPU) {
                    throw new IllegalArgumentException("--delegates item [" + s + "]: this ONNX Runtime build has the"
                            + " CPU execution provider only; use onnx:cpu");
                }
                if (!choices.contains(c)) {
                    choices.add(c);
                }
            }
            return choices;
        }
    }
}

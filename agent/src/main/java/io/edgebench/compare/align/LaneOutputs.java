package io.edgebench.compare.align;

import java.util.List;

/**
 * One lane's outputs over the agreement samples.
 *
 * @param names output names in the session's order
 * @param shapes the shape of each output as run
 * @param samples per sample, per output, the real (dequantized) values
 */
public record LaneOutputs(List<String> names, List<List<Long>> shapes, List<List<float[]>> samples) {
    public LaneOutputs {
        names = List.copyOf(names);
        shapes = shapes.stream().map(List::copyOf).toList();
        samples = List.copyOf(samples);
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException(names.size() + " output names but " + shapes.size() + " shapes");
        }
    }

    int index(String name) {
        return names.indexOf(name);
    }

    /** "regressors [1,896,16], classificators [1,896,1]" for messages. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(Shapes.text(shapes.get(i)));
        }
        return b.toString();
    }
}

package io.edgebench.compare.align;

import io.edgebench.model.OutputCoding;
import java.util.List;

/**
 * One lane's outputs over the agreement samples.
 *
 * @param names output names in the session's order
 * @param shapes the shape of each output as run
 * @param samples per sample, per output, the real (dequantized) values
 * @param codings per output, what its values are (float, dequantized with its step, raw codes); empty: unknown (an
 *     older worker), taken as float
 */
public record LaneOutputs(
        List<String> names, List<List<Long>> shapes, List<List<float[]>> samples, List<OutputCoding> codings) {
    public LaneOutputs {
        codings = codings == null ? List.of() : List.copyOf(codings);
        if (!codings.isEmpty() && codings.size() != names.size()) {
            throw new IllegalArgumentException(names.size() + " output names but " + codings.size() + " codings");
        }
        names = List.copyOf(names);
        shapes = shapes.stream().map(List::copyOf).toList();
        samples = List.copyOf(samples);
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException(names.size() + " output names but " + shapes.size() + " shapes");
        }
    }

    /** Outputs whose coding is unknown (older workers) are taken as float. */
    public LaneOutputs(List<String> names, List<List<Long>> shapes, List<List<float[]>> samples) {
        this(names, shapes, samples, List.of());
    }

    OutputCoding coding(String name) {
        return codings.isEmpty() ? null : codings.get(index(name));
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

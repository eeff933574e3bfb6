package io.edgebench.compare.align;

import java.util.List;

/**
 * One matched pair of outputs: outputs {@code xParts} of one lane against {@code yParts} of the other (usually one
 * each; several are concatenated along {@code concatAxis}), and the permutation that brings y's layout to x's.
 *
 * @param matchedBy "name", "shape", "shape, transposed" or "match" (--match)
 * @param xShape the x side's shape (after concatenation)
 * @param yShape the y side's shape as produced (after concatenation, before the permutation)
 * @param permutation y is transposed with out[i...] = y[p[i]...] before comparison; null: same layout
 */
public record AlignedOutput(
        List<String> xParts,
        List<String> yParts,
        String matchedBy,
        List<Long> xShape,
        List<Long> yShape,
        List<Integer> permutation) {
    public AlignedOutput {
        xParts = List.copyOf(xParts);
        yParts = List.copyOf(yParts);
        xShape = List.copyOf(xShape);
        yShape = List.copyOf(yShape);
        permutation = permutation == null ? null : List.copyOf(permutation);
    }

    public String xName() {
        return String.join("+", xParts);
    }

    public String yName() {
        return String.join("+", yParts);
    }

    /** "transposed [1,5,8,8] to [1,8,8,5] (NCHW to NHWC)", or null when the layouts are the same. */
    public String transposition() {
        if (permutation == null) {
            return null;
        }
        String layout = "";
        if (permutation.equals(List.of(0, 2, 3, 1))) {
            layout = " (NCHW to NHWC)";
        } else if (permutation.equals(List.of(0, 3, 1, 2))) {
            layout = " (NHWC to NCHW)";
        } else if (permutation.equals(List.of(0, 2, 1))) {
            layout = " ([1,C,N] to [1,N,C])";
        }
        return "transposed " + Shapes.text(yShape) + " to " + Shapes.text(xShape) + layout;
    }
}

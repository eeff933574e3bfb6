package io.edgebench.results;

import java.util.List;

/**
 * How closely one matched pair of outputs agrees over the samples (real values: quantized outputs are dequantized
 * by the sessions). top-1 and top-5 are reported only for classifier-like outputs: shaped like class scores ([C],
 * [1,C], [1,1,1,C] with C >= 2) and holding probabilities or named as logits/scores; for detector or segmentation
 * maps and landmark vectors an argmax means nothing.
 *
 * @param x the output of the first lane (parts joined with "+")
 * @param y the output of the second lane
 * @param transposed how y was transposed to x's layout, null when it was not
 * @param cosineMin the lowest per-sample cosine similarity
 * @param top1 fraction of samples whose argmax is the same; null unless class scores
 * @param top5 fraction of samples whose x argmax is among y's five largest; null unless class scores with C >= 5
 * @param tolerance what the error was held to, in the output's real units
 * @param toleranceBasis where that tolerance comes from, e.g. "mean abs <= 1 int8 step (0.00391)" or
 *     "max abs <= 1e-05 of the output's range 224"
 */
public record OutputAgreement(
        String x,
        String y,
        List<Long> shape,
        String matchedBy,
        String transposed,
        double maxAbsError,
        double meanAbsError,
        double cosineMin,
        Double top1,
        Double top5,
        boolean flagged,
        List<String> reasons,
        Double tolerance,
        String toleranceBasis) {
    public OutputAgreement {
        shape = List.copyOf(shape);
        reasons = List.copyOf(reasons);
    }
}

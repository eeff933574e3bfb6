package io.edgebench.results;

import io.edgebench.stats.ConfidenceInterval;
import java.util.Objects;

/**
 * One lane checked against reference outputs (what the training framework, or another implementation, produced for
 * the same inputs), with the alignment, dequantization and tolerance rules of lane-to-lane agreement.
 *
 * @param agreement the lane (x) against the reference (y): per output max abs, mean abs, cosine, top-1/top-5
 * @param top1Ci the 95 % interval of the top-1 agreement rate; null unless a classifier-like output was compared
 * @param reproduces no output beyond its tolerance and top-1 at least min_top1
 * @param verdict "onnx:cpu reproduces the reference (max abs 2.1e-06)" or "... drifts: ..."
 */
public record ReferenceCheck(
        String lane, PairAgreement agreement, ConfidenceInterval top1Ci, boolean reproduces, String verdict) {
    public ReferenceCheck {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(verdict, "verdict");
    }
}

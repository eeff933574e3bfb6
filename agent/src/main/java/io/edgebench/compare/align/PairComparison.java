package io.edgebench.compare.align;

import io.edgebench.results.OutputAgreement;
import io.edgebench.results.PairAgreement;
import java.util.ArrayList;
import java.util.List;

/** The agreement of two lanes: their outputs aligned ({@link Aligner}), then compared output by output. */
public final class PairComparison {
    private PairComparison() {}

    /** Aligns the two lanes' outputs and compares them output by output. */
    public static PairAgreement of(String a, LaneOutputs outA, String b, LaneOutputs outB,
            List<OutputMatch> matches, double tolerance, double minTop1) {
        int inputs = Math.min(outA.samples().size(), outB.samples().size());
        Alignment alignment = Aligner.align(a, outA, b, outB, matches);
        if (!alignment.comparable()) {
            return PairAgreement.notComparable(a, b, inputs, alignment.notComparable());
        }
        List<OutputAgreement> per = new ArrayList<>();
        for (AlignedOutput o : alignment.pairs()) {
            per.add(OutputComparison.of(o, outA, outB, tolerance, minTop1));
        }
        OutputAgreement worst = per.stream().max(java.util.Comparator.comparingDouble(OutputAgreement::maxAbsError))
                .orElseThrow();
        double sum = 0;
        long n = 0;
        List<String> reasons = new ArrayList<>();
        Double top1 = null;
        for (OutputAgreement o : per) {
            long values = o.shape().stream().reduce(1L, (x, y) -> x * y);
            sum += o.meanAbsError() * values;
            n += values;
            reasons.addAll(o.reasons());
            if (o.top1() != null) {
                top1 = top1 == null ? o.top1() : Math.min(top1, o.top1());
            }
        }
        double cosMin = per.stream().mapToDouble(OutputAgreement::cosineMin).min().orElse(1);
        return new PairAgreement(a, b, inputs, worst.maxAbsError(), sum / Math.max(1, n), cosMin, top1,
                !reasons.isEmpty(), reasons, per, worst.x(), null);
    }

}

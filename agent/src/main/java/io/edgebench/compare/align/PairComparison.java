package io.edgebench.compare.align;

import io.edgebench.model.OutputCoding;
import io.edgebench.results.OutputAgreement;
import io.edgebench.results.PairAgreement;
import java.util.ArrayList;
import java.util.List;

/** The agreement of two lanes: their outputs aligned ({@link Aligner}), then compared output by output. */
public final class PairComparison {
    private PairComparison() {}

    /** Aligns the two lanes' outputs and compares them output by output. */
    public static PairAgreement of(
            String a,
            LaneOutputs outA,
            String b,
            LaneOutputs outB,
            List<OutputMatch> matches,
            double tolerance,
            double minTop1) {
        int inputs = Math.min(outA.samples().size(), outB.samples().size());
        Alignment alignment = Aligner.align(a, outA, b, outB, matches);
        if (!alignment.comparable()) {
            return PairAgreement.notComparable(a, b, inputs, alignment.notComparable());
        }
        String raw = rawCodes(a, outA, b, outB);
        if (raw != null) {
            return PairAgreement.notComparable(a, b, inputs, raw);
        }
        List<OutputAgreement> per = new ArrayList<>();
        for (AlignedOutput o : alignment.pairs()) {
            per.add(OutputComparison.of(o, outA, outB, tolerance, minTop1));
        }
        OutputAgreement worst = per.stream()
                .max(java.util.Comparator.comparingDouble(OutputAgreement::maxAbsError))
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
        double cosMin =
                per.stream().mapToDouble(OutputAgreement::cosineMin).min().orElse(1);
        return new PairAgreement(
                a,
                b,
                inputs,
                worst.maxAbsError(),
                sum / Math.max(1, n),
                cosMin,
                top1,
                !reasons.isEmpty(),
                reasons,
                per,
                worst.x(),
                null);
    }

    /**
     * Integer codes whose scale is unknown cannot be compared with real values (nor with another model's codes):
     * the reason, naming the lane and output, or null when every output is on a real scale.
     */
    private static String rawCodes(String a, LaneOutputs outA, String b, LaneOutputs outB) {
        for (int side = 0; side < 2; side++) {
            LaneOutputs lane = side == 0 ? outA : outB;
            for (OutputCoding c : lane.codings()) {
                if (c.kind() == OutputCoding.Kind.RAW_CODES) {
                    return "[" + (side == 0 ? a : b) + "]: " + c.note() + "; comparing its "
                            + c.dtype().id()
                            + " codes with real values would measure the zero point, not the model. Hint: export the"
                            + " model with a DequantizeLinear after that output (or float outputs), or compare lanes"
                            + " that read the same codes";
                }
            }
        }
        return null;
    }
}

package io.edgebench.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * How closely two lanes' outputs agree over the same inputs. Outputs are first aligned (compare.align: by
 * --match, name, shape, transposed layout) and compared output by output ({@code outputs}); the pair's numbers are
 * the worst over its outputs. {@code flagged} when some output's max absolute error exceeds the tolerance, a
 * class-score output's top-1 agreement falls below the minimum, or the outputs cannot be aligned; {@code reasons}
 * says which. A pair that is not comparable carries no number at all (they are null), only {@code notComparable}.
 *
 * @param cosineMin the lowest per-input cosine similarity over all outputs
 * @param top1Agreement the lowest top-1 agreement of the class-score outputs (0..1); null when there is none
 * @param outputs agreement per matched output
 * @param worstOutput the output with the largest max abs error (the one a verdict names)
 * @param notComparable why the outputs cannot be aligned (both sides' names and shapes, a --match hint), else null
 */
public record PairAgreement(String a, String b, int inputs, Double maxAbsError, Double meanAbsError,
        Double cosineMin, Double top1Agreement, boolean flagged, List<String> reasons, List<OutputAgreement> outputs,
        String worstOutput, String notComparable) {

    public PairAgreement {
        reasons = List.copyOf(reasons);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /**
     * A pair whose outputs cannot be aligned: no number at all, only why (both sides' names and shapes, a --match
     * hint); flagged.
     */
    public static PairAgreement notComparable(String a, String b, int inputs, String why) {
        return new Builder(a, b, inputs).notComparable(why);
    }

    public PairAgreement(String a, String b, int inputs, double maxAbsError, double meanAbsError, double cosineMin,
            double top1Agreement, boolean flagged, List<String> reasons) {
        this(a, b, inputs, maxAbsError, meanAbsError, cosineMin, top1Agreement, flagged, reasons, List.of(), null,
                null);
    }

    /** Compares {@code outA.get(i)} with {@code outB.get(i)} for every input i, as flat vectors (no alignment). */
    public static PairAgreement of(String a, String b, List<float[]> outA, List<float[]> outB, double tolerance,
            double minTop1) {
        if (outA.size() != outB.size() || outA.isEmpty()) {
            throw new IllegalArgumentException("lanes [" + a + "] and [" + b + "] have " + outA.size() + " and "
                    + outB.size() + " outputs; expected the same number, at least 1");
        }
        List<String> reasons = new ArrayList<>();
        double maxAbs = 0;
        double sumAbs = 0;
        long count = 0;
        double cosMin = 1;
        int top1Same = 0;
        for (int i = 0; i < outA.size(); i++) {
            float[] x = outA.get(i);
            float[] y = outB.get(i);
            if (x.length != y.length) {
                reasons.add("output sizes differ: " + x.length + " vs " + y.length + " values");
                return new PairAgreement(a, b, outA.size(), Double.NaN, Double.NaN, Double.NaN, 0, true, reasons);
            }
            for (int j = 0; j < x.length; j++) {
                double d = Math.abs((double) x[j] - y[j]);
                maxAbs = Math.max(maxAbs, d);
                sumAbs += d;
            }
            count += x.length;
            cosMin = Math.min(cosMin, cosine(x, y));
            top1Same += argmax(x) == argmax(y) ? 1 : 0;
        }
        double top1 = top1Same / (double) outA.size();
        if (maxAbs > tolerance) {
            reasons.add(String.format(java.util.Locale.ROOT, "max abs error %.3g > tolerance %.3g", maxAbs,
                    tolerance));
        }
        if (top1 < minTop1) {
            reasons.add(String.format(java.util.Locale.ROOT, "top-1 agreement %.1f%% < %.1f%%", top1 * 100,
                    minTop1 * 100));
        }
        return new PairAgreement(a, b, outA.size(), maxAbs, sumAbs / Math.max(count, 1), cosMin, top1,
                !reasons.isEmpty(), reasons);
    }

    /** Cosine similarity; 1 when both vectors are all zero (they agree), 0 when only one is. */
    static double cosine(float[] x, float[] y) {
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            nx += (double) x[i] * x[i];
            ny += (double) y[i] * y[i];
        }
        if (nx == 0 && ny == 0) {
            return 1;
        }
        if (nx == 0 || ny == 0) {
            return 0;
        }
        return dot / Math.sqrt(nx * ny);
    }

    /** Index of the largest value; the first one on ties. */
    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Builds the pairs that have no numbers; the agreement numbers stay absent (null, left out of the JSON). */
    private static final class Builder {
        private final String a;
        private final String b;
        private final int inputs;
        private Double maxAbsError;
        private Double meanAbsError;
        private Double cosineMin;
        private Double top1Agreement;
        private String worstOutput;

        Builder(String a, String b, int inputs) {
            this.a = a;
            this.b = b;
            this.inputs = inputs;
        }

        PairAgreement notComparable(String why) {
            return new PairAgreement(a, b, inputs, maxAbsError, meanAbsError, cosineMin, top1Agreement, true,
                    List.of("not comparable: " + why), List.of(), worstOutput, why);
        }
    }
}

package io.edgebench.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * How closely two lanes' outputs agree over the same seeded inputs (each input's outputs concatenated in output
 * order). {@code flagged} when the max absolute error exceeds the tolerance or top-1 agreement falls below the
 * minimum; {@code reasons} says which.
 *
 * @param cosineMin the lowest per-input cosine similarity
 * @param top1Agreement fraction of inputs whose argmax is the same, 0..1
 */
public record PairAgreement(String a, String b, int inputs, double maxAbsError, double meanAbsError,
        double cosineMin, double top1Agreement, boolean flagged, List<String> reasons) {

    public PairAgreement {
        reasons = List.copyOf(reasons);
    }

    /** Compares {@code outA.get(i)} with {@code outB.get(i)} for every input i. */
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
}

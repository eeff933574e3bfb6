package io.edgebench.compare.align;

import io.edgebench.results.OutputAgreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Computes the {@link OutputAgreement} of one matched pair of outputs over every sample. */
public final class OutputComparison {
    private OutputComparison() {}

    /** Compares the matched pair over every sample. */
    public static OutputAgreement of(AlignedOutput p, LaneOutputs xs, LaneOutputs ys, double tolerance,
            double minTop1) {
        int n = Math.min(xs.samples().size(), ys.samples().size());
        double maxAbs = 0;
        double sumAbs = 0;
        long count = 0;
        double cosMin = 1;
        int same1 = 0;
        int in5 = 0;
        boolean classes = isClassScores(p.xShape());
        for (int s = 0; s < n; s++) {
            float[] a = values(xs, s, p.xParts());
            float[] b = values(ys, s, p.yParts());
            if (p.permutation() != null) {
                b = Shapes.permute(b, p.yShape(), p.permutation().stream().mapToInt(Integer::intValue).toArray());
            }
            if (a.length != b.length) {
                throw new IllegalStateException("outputs " + p.xName() + " and " + p.yName() + " hold " + a.length
                        + " and " + b.length + " values in sample " + (s + 1) + "; their declared shapes "
                        + Shapes.text(p.xShape()) + " and " + Shapes.text(p.yShape()) + " said otherwise");
            }
            for (int i = 0; i < a.length; i++) {
                double d = Math.abs((double) a[i] - b[i]);
                maxAbs = Math.max(maxAbs, d);
                sumAbs += d;
            }
            count += a.length;
            cosMin = Math.min(cosMin, cosine(a, b));
            if (classes) {
                int top = argmax(a);
                same1 += top == argmax(b) ? 1 : 0;
                in5 += topK(b, 5).contains(top) ? 1 : 0;
            }
        }
        Double top1 = classes ? same1 / (double) n : null;
        Double top5 = classes && p.xShape().get(p.xShape().size() - 1) >= 5 ? in5 / (double) n : null;
        List<String> reasons = new ArrayList<>();
        if (maxAbs > tolerance) {
            reasons.add(String.format(Locale.ROOT, "max abs error %.3g > tolerance %.3g (output [%s])", maxAbs,
                    tolerance, p.xName()));
        }
        if (top1 != null && top1 < minTop1) {
            reasons.add(String.format(Locale.ROOT, "top-1 agreement %.1f%% < %.1f%% (output [%s])", top1 * 100,
                    minTop1 * 100, p.xName()));
        }
        return new OutputAgreement(p.xName(), p.yName(), p.xShape(), p.matchedBy(), p.transposition(), maxAbs,
                sumAbs / Math.max(1, count), cosMin, top1, top5, !reasons.isEmpty(), reasons);
    }

    /** [C], [1,C], [1,1,1,C] with C >= 2: one score per class. */
    static boolean isClassScores(List<Long> shape) {
        if (shape.isEmpty() || shape.get(shape.size() - 1) < 2) {
            return false;
        }
        return shape.subList(0, shape.size() - 1).stream().allMatch(d -> d == 1);
    }

    private static float[] values(LaneOutputs lane, int sample, List<String> parts) {
        List<float[]> arrays = new ArrayList<>();
        List<List<Long>> shapes = new ArrayList<>();
        for (String name : parts) {
            int i = lane.index(name);
            arrays.add(lane.samples().get(sample).get(i));
            shapes.add(lane.shapes().get(i));
        }
        return arrays.size() == 1 ? arrays.get(0) : Shapes.concat(arrays, shapes, Shapes.concatAxis(shapes));
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

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static List<Integer> topK(float[] v, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> Float.compare(v[b], v[a]));
        return idx.subList(0, Math.min(k, idx.size()));
    }
}

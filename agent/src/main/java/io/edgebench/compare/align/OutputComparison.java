package io.edgebench.compare.align;

import io.edgebench.model.OutputCoding;
import io.edgebench.results.OutputAgreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Computes the {@link OutputAgreement} of one matched pair of outputs over every sample, with a tolerance that fits
 * the output: two int8 kernels round each requantization their own way, so quantized outputs are held to one
 * quantization step on average (mean abs error; the max is reported); float outputs to the larger of the absolute
 * tolerance and {@link #RELATIVE_TOLERANCE} of the output's range (outputs in pixels carry float32 rounding at their
 * own magnitude).
 */
public final class OutputComparison {
    /** About 80 float32 ulps at the top of the output's range: reordered float sums stay far below it. */
    public static final double RELATIVE_TOLERANCE = 1e-5;

    private OutputComparison() {}

    /** Compares the matched pair over every sample; {@code tolerance} is the absolute floor for float outputs. */
    public static OutputAgreement of(
            AlignedOutput p, LaneOutputs xs, LaneOutputs ys, double tolerance, double minTop1) {
        int n = Math.min(xs.samples().size(), ys.samples().size());
        double maxAbs = 0;
        double sumAbs = 0;
        double range = 0;
        long count = 0;
        double cosMin = 1;
        int same1 = 0;
        int in5 = 0;
        boolean classes = isClassScores(p.xShape()) && classifierLike(xs, p, n);
        for (int s = 0; s < n; s++) {
            float[] a = values(xs, s, p.xParts());
            float[] b = values(ys, s, p.yParts());
            if (p.permutation() != null) {
                b = Shapes.permute(
                        b,
                        p.yShape(),
                        p.permutation().stream().mapToInt(Integer::intValue).toArray());
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
                range = Math.max(range, Math.max(Math.abs(a[i]), Math.abs(b[i])));
            }
            count += a.length;
            cosMin = Math.min(cosMin, cosine(a, b));
            if (classes) {
                int top = argmax(a);
                same1 += top == argmax(b) ? 1 : 0;
                in5 += topK(b, 5).contains(top) ? 1 : 0;
            }
        }
        double meanAbs = sumAbs / Math.max(1, count);
        Double top1 = classes ? same1 / (double) n : null;
        Double top5 = classes && p.xShape().get(p.xShape().size() - 1) >= 5 ? in5 / (double) n : null;
        Tolerance tol = Tolerance.of(step(xs, p.xParts()), step(ys, p.yParts()), tolerance, range);
        List<String> reasons = new ArrayList<>();
        double judged = tol.onMean() ? meanAbs : maxAbs;
        if (judged > tol.value()) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "%s abs error %.3g > tolerance %.3g (%s; output [%s])",
                    tol.onMean() ? "mean" : "max",
                    judged,
                    tol.value(),
                    tol.basis(),
                    p.xName()));
        }
        if (top1 != null && top1 < minTop1) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "top-1 agreement %.1f%% < %.1f%% (output [%s])",
                    top1 * 100,
                    minTop1 * 100,
                    p.xName()));
        }
        return new OutputAgreement(
                p.xName(),
                p.yName(),
                p.xShape(),
                p.matchedBy(),
                p.transposition(),
                maxAbs,
                meanAbs,
                cosMin,
                top1,
                top5,
                !reasons.isEmpty(),
                reasons,
                tol.value(),
                tol.basis());
    }

    /**
     * Class scores, not coordinates: a [1,63] landmark vector has the shape of 63 class scores, so the shape alone
     * does not decide. Classifier-like: every sample is a probability vector (softmax; int8 rounding allowed), or
     * the output is named as logits, class scores or predictions (a uint8 softmax over 1001 classes rounds most
     * classes to 0, so its sum can be far from 1).
     */
    static boolean classifierLike(LaneOutputs lane, AlignedOutput p, int samples) {
        String name = p.xName().toLowerCase(java.util.Locale.ROOT);
        if (name.contains("logit")
                || name.contains("class")
                || name.contains("prob")
                || name.contains("score")
                || name.contains("predict")) {
            return true;
        }
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (float v : values(lane, s, p.xParts())) {
                if (v < -1e-6 || v > 1 + 1e-6) {
                    return false;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 0.05) {
                return false;
            }
        }
        return samples > 0;
    }

    /** The largest quantization step among these parts, or null when none is dequantized. */
    private static OutputCoding step(LaneOutputs lane, List<String> parts) {
        OutputCoding widest = null;
        for (String name : parts) {
            OutputCoding c = lane.coding(name);
            if (c != null
                    && c.kind() == OutputCoding.Kind.DEQUANTIZED
                    && (widest == null || c.stepReal() > widest.stepReal())) {
                widest = c;
            }
        }
        return widest;
    }

    /**
     * What one output's error is held to.
     *
     * @param onMean true: the mean abs error is judged (quantized outputs); false: the max abs error
     */
    record Tolerance(double value, boolean onMean, String basis) {
        static Tolerance of(OutputCoding x, OutputCoding y, double absolute, double range) {
            OutputCoding q = x == null ? y : y == null ? x : x.stepReal() >= y.stepReal() ? x : y;
            if (q != null) {
                return new Tolerance(
                        q.stepReal(),
                        true,
                        String.format(
                                Locale.ROOT,
                                "mean abs <= 1 %s step (%.3g)",
                                q.dtype().id(),
                                q.stepReal()));
            }
            double relative = RELATIVE_TOLERANCE * range;
            if (relative > absolute) {
                return new Tolerance(
                        relative,
                        false,
                        String.format(
                                Locale.ROOT, "max abs <= %.0e of the output's range %.3g", RELATIVE_TOLERANCE, range));
            }
            return new Tolerance(absolute, false, String.format(Locale.ROOT, "max abs <= %.3g", absolute));
        }
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

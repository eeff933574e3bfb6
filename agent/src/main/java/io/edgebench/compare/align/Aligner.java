package io.edgebench.compare.align;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pairs the outputs of two lanes before their values are compared: first the user's {@code --match} pairs (in
 * either direction), then outputs of the same name, then outputs of the same shape, then outputs whose shapes are a
 * permutation of each other (NHWC vs NCHW, [1,N,C] vs [1,C,N]: transposed before comparison). Several outputs of
 * one shape with different names are ambiguous: pairing them by position would be a guess, so the pair is not
 * comparable until --match pairs them. Anything left unmatched on either side makes the pair not comparable.
 */
public final class Aligner {
    private Aligner() {}

    public static Alignment align(
            String xLabel, LaneOutputs x, String yLabel, LaneOutputs y, List<OutputMatch> matches) {
        Set<String> freeX = new LinkedHashSet<>(x.names());
        Set<String> freeY = new LinkedHashSet<>(y.names());
        List<AlignedOutput> pairs = new ArrayList<>();
        for (OutputMatch m : matches) {
            if (freeX.contains(m.a()) && freeY.containsAll(m.parts())) {
                pairs.add(pair(x, List.of(m.a()), y, m.parts(), "match"));
                freeX.remove(m.a());
                freeY.removeAll(m.parts());
            } else if (freeY.contains(m.a()) && freeX.containsAll(m.parts())) {
                pairs.add(pair(x, m.parts(), y, List.of(m.a()), "match"));
                freeY.remove(m.a());
                freeX.removeAll(m.parts());
            }
        }
        for (String n : new ArrayList<>(freeX)) {
            if (freeY.contains(n)) {
                pairs.add(pair(x, List.of(n), y, List.of(n), "name"));
                freeX.remove(n);
                freeY.remove(n);
            }
        }
        String ambiguous = ambiguous(xLabel, x, yLabel, y, freeX, freeY);
        if (ambiguous != null) {
            return new Alignment(List.of(), ambiguous);
        }
        byShape(x, y, freeX, freeY, pairs, false);
        byShape(x, y, freeX, freeY, pairs, true);
        if (!freeX.isEmpty() || !freeY.isEmpty()) {
            return new Alignment(List.of(), notComparable(xLabel, x, yLabel, y, freeX, freeY));
        }
        for (AlignedOutput p : pairs) {
            if (p.permutation() == null && !p.xShape().equals(p.yShape())) {
                return new Alignment(
                        List.of(),
                        "outputs " + p.xName() + " " + Shapes.text(p.xShape()) + " and "
                                + p.yName() + " " + Shapes.text(p.yShape()) + " were paired (" + p.matchedBy()
                                + ") but their"
                                + " shapes are neither equal nor a permutation of each other; "
                                + both(xLabel, x, yLabel, y));
            }
        }
        return new Alignment(pairs, null);
    }

    /**
     * "ambiguous: ..." when two or more unpaired outputs of one lane could pair with the same shape (or a permutation
     * of it) on the other: nothing but output order would decide, and exporters do not keep output order.
     */
    private static String ambiguous(
            String xLabel, LaneOutputs x, String yLabel, LaneOutputs y, Set<String> freeX, Set<String> freeY) {
        for (String a : freeX) {
            List<Long> sa = x.shapes().get(x.index(a));
            List<String> sameX = freeX.stream()
                    .filter(n -> similar(x.shapes().get(x.index(n)), sa))
                    .toList();
            List<String> sameY = freeY.stream()
                    .filter(n -> similar(y.shapes().get(y.index(n)), sa))
                    .toList();
            if (!sameY.isEmpty() && (sameX.size() > 1 || sameY.size() > 1)) {
                List<String> example = new ArrayList<>();
                for (int i = 0; i < Math.min(sameX.size(), sameY.size()); i++) {
                    example.add("--match " + sameX.get(i) + "=" + sameY.get(i));
                }
                return "ambiguous: outputs " + String.join(", ", sameX) + " of [" + xLabel + "] and "
                        + String.join(", ", sameY) + " of [" + yLabel + "] have the shape " + Shapes.text(sa)
                        + " (or its transpose) and different names; pairing them by position would be a guess. Pair"
                        + " them with --match, e.g. " + String.join(" ", example) + " (names from edgebench inspect)";
            }
        }
        return null;
    }

    private static boolean similar(List<Long> candidate, List<Long> target) {
        return candidate.equals(target) || Shapes.permutation(candidate, target) != null;
    }

    /**
     * Pairs free outputs of equal shape ({@code permuted}: shapes that are permutations); after {@link #ambiguous}
     * each free output has at most one candidate.
     */
    private static void byShape(
            LaneOutputs x,
            LaneOutputs y,
            Set<String> freeX,
            Set<String> freeY,
            List<AlignedOutput> pairs,
            boolean permuted) {
        for (String a : new ArrayList<>(freeX)) {
            List<Long> sa = x.shapes().get(x.index(a));
            List<String> cand = freeY.stream()
                    .filter(n -> fits(y.shapes().get(y.index(n)), sa, permuted))
                    .toList();
            if (cand.size() == 1) {
                pairs.add(pair(x, List.of(a), y, cand, permuted ? "shape, transposed" : "shape"));
                freeX.remove(a);
                freeY.remove(cand.get(0));
            }
        }
    }

    private static boolean fits(List<Long> candidate, List<Long> target, boolean permuted) {
        return permuted ? Shapes.permutation(candidate, target) != null : candidate.equals(target);
    }

    private static AlignedOutput pair(
            LaneOutputs x, List<String> xParts, LaneOutputs y, List<String> yParts, String how) {
        List<Long> xs = joined(x, xParts);
        List<Long> ys = joined(y, yParts);
        if (xs == null || ys == null) {
            // parts that cannot be concatenated: an empty shape, which align() reports as not comparable
            List<Long> xShape = xs == null ? List.of() : xs;
            List<Long> yShape = ys == null ? List.of() : ys;
            return new AlignedOutput(xParts, yParts, how, xShape, yShape, null);
        }
        int[] p = Shapes.permutation(ys, xs);
        return new AlignedOutput(
                xParts,
                yParts,
                how,
                xs,
                ys,
                p == null ? null : java.util.Arrays.stream(p).boxed().toList());
    }

    /** The shape of these outputs concatenated along the first axis where they differ; null when they cannot be. */
    static List<Long> joined(LaneOutputs lane, List<String> parts) {
        List<List<Long>> shapes =
                parts.stream().map(n -> lane.shapes().get(lane.index(n))).toList();
        if (shapes.size() == 1) {
            return shapes.get(0);
        }
        int axis = Shapes.concatAxis(shapes);
        return axis < 0 ? null : Shapes.concatShape(shapes, axis);
    }

    private static String notComparable(
            String xLabel, LaneOutputs x, String yLabel, LaneOutputs y, Set<String> freeX, Set<String> freeY) {
        return "outputs cannot be aligned: unmatched " + unmatched(x, freeX) + " of [" + xLabel + "] and "
                + unmatched(y, freeY) + " of [" + yLabel + "]; " + both(xLabel, x, yLabel, y) + ". Hint: "
                + hint(x, y, freeX, freeY);
    }

    private static String both(String xLabel, LaneOutputs x, String yLabel, LaneOutputs y) {
        return "[" + xLabel + "] has " + x.describe() + "; [" + yLabel + "] has " + y.describe();
    }

    private static String unmatched(LaneOutputs lane, Set<String> free) {
        if (free.isEmpty()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        free.forEach(n -> out.add(n + " " + Shapes.text(lane.shapes().get(lane.index(n)))));
        return String.join(", ", out);
    }

    /** A concrete --match for each unmatched output that some free outputs of the other side concatenate to. */
    static String hint(LaneOutputs x, LaneOutputs y, Set<String> freeX, Set<String> freeY) {
        List<String> found = new ArrayList<>();
        Set<String> left = new LinkedHashSet<>(freeY);
        for (String a : freeX) {
            List<Long> target = x.shapes().get(x.index(a));
            List<String> parts = concatenating(y, new ArrayList<>(left), target);
            if (parts != null) {
                found.add("--match " + a + "=" + String.join("+", parts));
                left.removeAll(parts);
            }
        }
        if (found.isEmpty()) {
            return "pair them by name with --match A=B, or A=B1+B2 for an output split in two";
        }
        return "pair them with " + String.join(" ", found);
    }

    /** Two or three free outputs (in order) whose concatenation has {@code target}'s shape or a permutation of it. */
    private static List<String> concatenating(LaneOutputs lane, List<String> free, List<Long> target) {
        for (int i = 0; i < free.size(); i++) {
            for (int j = i + 1; j < free.size(); j++) {
                List<String> two = List.of(free.get(i), free.get(j));
                if (concatFits(lane, two, target)) {
                    return two;
                }
                for (int k = j + 1; k < free.size(); k++) {
                    List<String> three = List.of(free.get(i), free.get(j), free.get(k));
                    if (concatFits(lane, three, target)) {
                        return three;
                    }
                }
            }
        }
        return null;
    }

    private static boolean concatFits(LaneOutputs lane, List<String> parts, List<Long> target) {
        List<Long> s = joined(lane, parts);
        return s != null && (s.equals(target) || Shapes.permutation(s, target) != null);
    }
}

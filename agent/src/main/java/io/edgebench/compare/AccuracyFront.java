package io.edgebench.compare;

import io.edgebench.bench.LatencyText;
import io.edgebench.results.Accuracy;
import io.edgebench.results.AccuracyPair;
import io.edgebench.results.BenchResult;
import io.edgebench.results.LaneAccuracy;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.PairVerdict;
import io.edgebench.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Pareto front of p50 latency x top-1 on a labelled set (compare --dataset): the lanes no other lane beats on
 * one axis without losing on the other. A difference counts only where the compare shows it: a lane is faster when
 * its latency verdict says "different" (not when its p50 is merely lower), and more accurate when the paired top-1
 * interval excludes 0 ({@link AccuracyPair.Outcome}); lanes the measurements do not tell apart are equal on that
 * axis. So the front never rests on a difference the runs or the images cannot resolve.
 */
final class AccuracyFront {
    private AccuracyFront() {}

    /** The accuracy with its front; unchanged without latency verdicts (a sequential compare) or a scored pair. */
    static Accuracy attach(
            Accuracy accuracy, List<String> labels, List<BenchResult> results, List<PairVerdict> verdicts) {
        if (accuracy == null || verdicts.isEmpty()) {
            return accuracy;
        }
        List<Integer> scored = new ArrayList<>();
        List<String> notScored = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (top1(accuracy, labels.get(i)) != null) {
                scored.add(i);
            } else {
                notScored.add(labels.get(i));
            }
        }
        if (scored.size() < 2) {
            return accuracy;
        }
        List<String> front = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i : scored) {
            if (scored.stream().noneMatch(j -> dominates(j, i, accuracy, verdicts))) {
                LaneAccuracy.Score s = top1(accuracy, labels.get(i));
                front.add(labels.get(i));
                LatencyStats l = results.get(i).latencyUs();
                parts.add(String.format(
                        Locale.ROOT,
                        "%s (%stop-1 %.1f %%)",
                        labels.get(i),
                        l == null ? "" : "p50 " + LatencyText.ms(l.p50()) + " ms, ",
                        100.0 * s.rate()));
            }
        }
        String text = "Pareto front (p50 latency x top-1 on this set; a lane is faster or more accurate only where"
                + " its verdict or its paired interval shows it): " + String.join("; ", parts)
                + (notScored.isEmpty() ? "" : "; not scored, so not placed: " + String.join(", ", notScored));
        return accuracy.withFront(new Accuracy.Front(front, text));
    }

    /** Lane j is shown at least as good as lane i on both axes and better on one. */
    private static boolean dominates(int j, int i, Accuracy accuracy, List<PairVerdict> verdicts) {
        if (j == i) {
            return false;
        }
        int faster = faster(j, i, verdicts);
        int better = better(j, i, accuracy);
        return faster >= 0 && better >= 0 && (faster > 0 || better > 0);
    }

    /** 1: j is shown faster than i at p50; -1: shown slower; 0: not told apart (or no verdict). */
    static int faster(int j, int i, List<PairVerdict> verdicts) {
        for (PairVerdict v : verdicts) {
            RatioEstimate r = v.speedup();
            if (r == null || r.outcome() != RatioEstimate.Outcome.DIFFERENT) {
                continue;
            }
            int aAhead = r.ratio() > 1 ? 1 : -1; // speedup is p50(b) / p50(a): above 1, a is faster
            if (v.a() == j && v.b() == i) {
                return aAhead;
            }
            if (v.a() == i && v.b() == j) {
                return -aAhead;
            }
        }
        return 0;
    }

    /** 1: j's top-1 is shown higher than i's; -1: shown lower; 0: not told apart. */
    static int better(int j, int i, Accuracy accuracy) {
        for (AccuracyPair p : accuracy.pairs()) {
            int aAhead = switch (p.outcome()) {
                case A_BETTER -> 1;
                case B_BETTER -> -1;
                case SAME_ON_ALL, NOT_RESOLVED -> 0;
            };
            if (p.a() == j && p.b() == i) {
                return aAhead;
            }
            if (p.a() == i && p.b() == j) {
                return -aAhead;
            }
        }
        return 0;
    }

    private static LaneAccuracy.Score top1(Accuracy accuracy, String lane) {
        for (LaneAccuracy l : accuracy.lanes()) {
            if (l.lane().equals(lane)) {
                return l.top1(); // null: the lane was not scored
            }
        }
        return null;
    }
}

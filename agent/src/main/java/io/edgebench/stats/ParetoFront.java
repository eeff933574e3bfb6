package io.edgebench.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-dominated points of a two-objective minimisation (e.g. latency x energy per inference): a point is on the
 * front when no other point is at least as good on both objectives and better on one.
 */
public final class ParetoFront {
    private ParetoFront() {}

    /** Indexes (into xs/ys) of the front, in input order; NaN coordinates never dominate and are never on it. */
    public static List<Integer> of(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs has " + xs.length + " points but ys " + ys.length);
        }
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < xs.length && !dominated; j++) {
                dominated = j != i && xs[j] <= xs[i] && ys[j] <= ys[i] && (xs[j] < xs[i] || ys[j] < ys[i]);
            }
            if (!dominated) {
                front.add(i);
            }
        }
        return front;
    }
}

package io.edgebench.results;

import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.RatioEstimate;
import java.util.List;

/**
 * Over all lanes: the fastest at p50 (with its CI, and its speedup over the runner-up with that CI), the one with
 * the least energy per inference when power was measured, and the Pareto front of latency x energy (or latency x
 * peak RSS without power).
 *
 * @param paretoAxes "p50 latency x gross energy per inference" or "p50 latency x peak RSS"
 */
public record SweepVerdict(
        Point fastest,
        RatioEstimate fastestOverRunnerUp,
        Point leastEnergy,
        String paretoAxes,
        List<Point> pareto,
        List<String> text) {
    public SweepVerdict {
        pareto = List.copyOf(pareto);
        text = List.copyOf(text);
    }

    /**
     * One lane on the axes.
     *
     * @param energyMj energy per inference, null without power
     * @param energyCi its CI over worker processes, null without power
     */
    public record Point(
            int lane,
            String name,
            double p50Us,
            ConfidenceInterval p50Ci,
            Double energyMj,
            ConfidenceInterval energyCi,
            Long peakRssBytes) {}
}

package io.edgebench.results;

import java.util.List;
import java.util.Objects;

/**
 * Every lane's accuracy on a labelled set (compare --dataset DIR) and the paired difference of every pair of lanes.
 *
 * @param dataset the set's folder as given
 * @param images labelled images in it
 * @param classNames the lines of its labels.txt; empty when folders are named by class index
 * @param normalization how pixels became the model's input, e.g. "(p - 127.5) / 127.5, NHWC, resized to the input"
 * @param lanes one entry per lane that produced outputs
 * @param pairs every pair of scored lanes, a before b in lane order (the pairs of the latency verdicts)
 * @param front the Pareto front of p50 latency x top-1 (compare.AccuracyFront); null without latency verdicts
 */
public record Accuracy(
        String dataset,
        int images,
        List<String> classNames,
        String normalization,
        List<LaneAccuracy> lanes,
        List<AccuracyPair> pairs,
        Front front) {
    /** The lanes on the front, by name, and its line. */
    public record Front(List<String> lanes, String text) {
        public Front {
            lanes = List.copyOf(lanes);
            Objects.requireNonNull(text, "text");
        }
    }

    /** Without a front (a sequential compare has no latency verdicts to place the lanes by). */
    public Accuracy(
            String dataset,
            int images,
            List<String> classNames,
            String normalization,
            List<LaneAccuracy> lanes,
            List<AccuracyPair> pairs) {
        this(dataset, images, classNames, normalization, lanes, pairs, null);
    }

    /** The same accuracy with its Pareto front. */
    public Accuracy withFront(Front f) {
        return new Accuracy(dataset, images, classNames, normalization, lanes, pairs, f);
    }

    public Accuracy {
        Objects.requireNonNull(dataset, "dataset");
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        lanes = List.copyOf(lanes);
        pairs = List.copyOf(pairs);
    }
}

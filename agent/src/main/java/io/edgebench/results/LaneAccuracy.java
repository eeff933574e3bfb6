package io.edgebench.results;

import io.edgebench.stats.ConfidenceInterval;
import java.util.Objects;

/**
 * One lane's accuracy on a labelled set (compare --dataset).
 *
 * @param lane the lane's label
 * @param output the classifier output scored; null when none could be chosen (the text says why)
 * @param top1 images whose top class is the label; null when not scored
 * @param top5 images whose label is among the top 5; null when not scored or the output has fewer than 5 classes
 * @param text "tflite:cpu top-1 93.0 % (95 % CI 88.6-95.8) of 200 labelled images, top-5 ..." or why not scored
 */
public record LaneAccuracy(String lane, String output, Score top1, Score top5, String text) {
    public LaneAccuracy {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(text, "text");
    }

    /** A lane whose outputs could not be scored; {@code output} null when none could be chosen. */
    public static LaneAccuracy notScored(String lane, String output, String why) {
        return new LaneAccuracy(lane, output, null, null, lane + ": not scored: " + why);
    }

    /**
     * @param correct images scored right
     * @param images images scored
     * @param rate correct / images
     * @param ci the rate's 95 % Wilson score interval
     */
    public record Score(int correct, int images, double rate, ConfidenceInterval ci) {
        public Score {
            if (images < 1 || correct < 0 || correct > images) {
                throw new IllegalArgumentException("score [" + correct + " of " + images + "] must be 0..images");
            }
            Objects.requireNonNull(ci, "ci");
        }
    }
}

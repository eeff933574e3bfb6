package io.edgebench.results;

import io.edgebench.stats.ConfidenceInterval;
import java.util.Objects;

/**
 * One lane's accuracy on a labelled set (compare --dataset).
 *
 * @param lane the lane's label
 * @param output the classifier output scored; null when none could be chosen (the text says why)
 * @param top1 images whose top class is the label; null when not scored
 * @param top5 images whose label is among the top 5; null when not scored or the output has 5 classes or fewer
 * @param text "tflite:cpu top-1 93.0 % (95 % CI 88.6-95.8) of 200 labelled images, top-5 ..." or why not scored
 * @param energyPerCorrectInference the lane's energy per inference over its top-1 rate; null unless the lane's own
 *     run measured a valid energy per inference (a sequential compare with --sample-hz and a power source)
 */
public record LaneAccuracy(
        String lane, String output, Score top1, Score top5, String text, EnergyPerCorrect energyPerCorrectInference) {
    public LaneAccuracy {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(text, "text");
    }

    public LaneAccuracy(String lane, String output, Score top1, Score top5, String text) {
        this(lane, output, top1, top5, text, null);
    }

    /** This lane with its energy per correct inference, said at the end of its text. */
    public LaneAccuracy withEnergyPerCorrect(EnergyPerCorrect e) {
        return new LaneAccuracy(lane, output, top1, top5, text + ", " + e.text(), e);
    }

    /**
     * What one right answer costs: energy per inference divided by the top-1 rate (a lane right half the time spends
     * two inferences per right answer).
     *
     * @param mj energy per inference / top-1 rate
     * @param lowMj the low end of a conservative range: (energy - its ±) / the top-1 interval's high end; null
     *     without a ± on the energy
     * @param highMj (energy + its ±) / the top-1 interval's low end; null without a ± or when that low end is 0
     */
    public record EnergyPerCorrect(double mj, Double lowMj, Double highMj, Basis basis) {
        /** Where the lane's energy per inference was measured: the line names it, as it is not the set's images. */
        public enum Basis {
            /** A sequential compare: the lane's own telemetry window over its timed runs; ± the estimator's. */
            TIMED_RUNS("its timed runs' gross energy per inference", "the energy's ±"),
            /** An interleaved compare: the board's energy over the lane's rounds; ± its 95 % CI over processes. */
            ROUNDS(
                    "its interleaved rounds' gross energy per inference",
                    "the energy's 95 % CI over worker processes (the meter's own accuracy not included)");

            private final String energy;
            private final String pm;

            Basis(String energy, String pm) {
                this.energy = energy;
                this.pm = pm;
            }

            @com.fasterxml.jackson.annotation.JsonValue
            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        /** Energy per inference {@code mj} ± {@code pm} (null: none stated) over the lane's top-1. */
        public static EnergyPerCorrect of(double mj, Double pm, Score top1, Basis basis) {
            Double low = pm == null ? null : Math.max(0, mj - pm) / top1.ci().high();
            Double high = pm == null || top1.ci().low() <= 0
                    ? null
                    : (mj + pm) / top1.ci().low();
            return new EnergyPerCorrect(mj / top1.rate(), low, high, basis);
        }

        /**
         * "gross energy per correct inference 2.37 mJ (its timed runs' gross energy per inference over its top-1 on
         * this set; 2.07-2.83 mJ from the energy's ± and the top-1 CI)": the two figures come from different runs
         * (the timed loop's inputs, the set's images), and the line says so.
         */
        public String text() {
            String range = lowMj == null || highMj == null
                    ? ""
                    : String.format(
                            java.util.Locale.ROOT, "; %.2f-%.2f mJ from %s and the top-1 CI", lowMj, highMj, basis.pm);
            return String.format(
                    java.util.Locale.ROOT,
                    "gross energy per correct inference %.2f mJ (%s over its top-1 on this set%s)",
                    mj,
                    basis.energy,
                    range);
        }
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

package io.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.results.AccuracyPair.Outcome;
import io.edgebench.resultstore.ResultFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A compare's accuracy on a labelled set (its {@code accuracy} block, compare --dataset), read leniently like the
 * rest of the report: every lane's top-1 and top-5 and every pair's paired top-1 difference, with the compare's own
 * sentences. The report quotes those sentences rather than re-deriving a verdict from the numbers.
 *
 * @param dataset the set's folder as the compare was given it
 * @param images labelled images in the set; null when the block does not say
 * @param lanes one entry per lane the compare scored or tried to score
 * @param pairs every pair of scored lanes, as the compare ordered them
 */
public record ReportAccuracy(String dataset, Integer images, List<LaneScore> lanes, List<Pair> pairs) {
    public ReportAccuracy {
        lanes = List.copyOf(lanes);
        pairs = List.copyOf(pairs);
    }

    /**
     * One lane's entry.
     *
     * @param lane the lane's index in the compare (matched by its label in the compare's {@code lanes}); null when
     *     the label is not among them
     * @param label the lane's label as the compare wrote it
     * @param top1 null when the lane was not scored (the text says why)
     * @param top5 null when not scored or the output has fewer than 5 classes
     * @param text the compare's line for the lane
     * @param energyPerCorrectMj gross energy per inference over top-1 where the board's power was measured; else null
     */
    public record LaneScore(
            Integer lane, String label, Score top1, Score top5, String text, Double energyPerCorrectMj) {
        public boolean scored() {
            return top1 != null;
        }
    }

    /**
     * @param correct images scored right
     * @param images images scored
     * @param rate correct / images
     * @param ciLow the rate's 95 % interval; null when the block carries none
     * @param ciHigh its upper end
     */
    public record Score(int correct, int images, double rate, Double ciLow, Double ciHigh) {
        /** "90.5 % (95 % CI 77.9-96.2) of 42", the compare's own wording. */
        public String text() {
            String ci = ciLow == null || ciHigh == null
                    ? ""
                    : String.format(Locale.ROOT, " (95 %% CI %.1f-%.1f)", ciLow * 100, ciHigh * 100);
            return String.format(Locale.ROOT, "%.1f %%%s of %d", rate * 100, ci, images);
        }

        static Score of(JsonNode n) {
            Integer correct = ResultFields.integer(n, "correct");
            Integer images = ResultFields.integer(n, "images");
            if (correct == null || images == null || images < 1) {
                return null;
            }
            Double rate = ResultFields.number(n, "rate");
            return new Score(
                    correct,
                    images,
                    rate != null ? rate : correct / (double) images,
                    ResultFields.number(n, "ci", "low"),
                    ResultFields.number(n, "ci", "high"));
        }
    }

    /**
     * @param a index of the first lane in the compare
     * @param b index of the second
     * @param outcome which lane is ahead; null when the block names an outcome this version does not know
     * @param text the compare's sentence: the difference with its interval and McNemar's test
     */
    public record Pair(int a, int b, Outcome outcome, String text) {
        /** A lane shown ahead: the interval of the difference excludes 0. */
        public boolean shown() {
            return outcome == Outcome.A_BETTER || outcome == Outcome.B_BETTER;
        }

        /**
         * The text up to its parenthesis: "a and b: no top-1 difference shown on these 42 images", without the
         * numbers that follow (the accuracy table has them); the whole text when it has none.
         */
        public String headline() {
            int paren = text.indexOf(" (");
            return paren < 0 ? text : text.substring(0, paren);
        }
    }

    /** The compare's accuracy block; empty when it has none (no --dataset, or an older compare). */
    static Optional<ReportAccuracy> of(JsonNode compare) {
        JsonNode acc = compare == null ? null : compare.get("accuracy");
        if (acc == null || !acc.isObject()) {
            return Optional.empty();
        }
        List<String> labels = ResultFields.texts(compare, "lanes");
        List<LaneScore> lanes = new ArrayList<>();
        ReportJob.objectsOf(acc, "lanes").forEach(l -> {
            String label = ResultFields.text(l, "lane");
            int i = labels.indexOf(label);
            lanes.add(new LaneScore(
                    i < 0 ? null : i,
                    label,
                    Score.of(l.get("top1")),
                    Score.of(l.get("top5")),
                    ResultFields.or(ResultFields.text(l, "text"), ""),
                    ResultFields.number(l, "energy_per_correct_inference", "mj")));
        });
        List<Pair> pairs = new ArrayList<>();
        ReportJob.objectsOf(acc, "pairs").forEach(p -> {
            Integer a = ResultFields.integer(p, "a");
            Integer b = ResultFields.integer(p, "b");
            String text = ResultFields.text(p, "text");
            if (a != null && b != null && text != null) {
                pairs.add(new Pair(a, b, outcome(ResultFields.text(p, "outcome")), text));
            }
        });
        return Optional.of(new ReportAccuracy(
                ResultFields.text(acc, "dataset"), ResultFields.integer(acc, "images"), lanes, pairs));
    }

    /** Lane {@code index}'s entry; empty when the compare did not score it (it produced no outputs). */
    public Optional<LaneScore> lane(int index) {
        return lanes.stream().filter(l -> l.lane() != null && l.lane() == index).findFirst();
    }

    /** "42 labelled images" or "a labelled set" when the block does not say how many. */
    String setName() {
        return images == null ? "a labelled set" : images + " labelled images";
    }

    private static Outcome outcome(String id) {
        if (id == null) {
            return null;
        }
        try {
            return Outcome.parse(id);
        } catch (IllegalArgumentException e) {
            return null; // a newer compare's outcome: its text is still quoted, no winner is claimed
        }
    }
}

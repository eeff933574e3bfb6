package io.edgebench.compare;

import io.edgebench.compare.align.LaneOutputs;
import io.edgebench.inputs.InputException;
import io.edgebench.inputs.LabelledSet;
import io.edgebench.model.ModelInspector;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.Accuracy;
import io.edgebench.results.AccuracyPair;
import io.edgebench.results.BenchResult;
import io.edgebench.results.EnergyReport;
import io.edgebench.results.LaneAccuracy;
import io.edgebench.results.LaneAccuracy.EnergyPerCorrect;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.ProcessLevel;
import io.edgebench.stats.RatioEstimate;
import io.edgebench.stats.Wilson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Scores every lane's outputs on a labelled set (compare --dataset): top-1 and top-5 per lane with Wilson
 * intervals, then every pair of lanes on the same images ({@link AccuracyPairs}). The outputs are the dequantized
 * values agreement compares, so one rule serves int8 and float models.
 */
public final class DatasetAccuracy {
    /** Top-5 is scored when the output has more classes than this; with 5 or fewer every label is "in the top 5". */
    static final int TOP5 = 5;

    private DatasetAccuracy() {}

    /**
     * Checks each model against the set before any lane runs: a classifier output can be chosen and every class
     * index in the set is inside it. Throws InputException naming the model, the output and the offending folder.
     */
    public static void checkModels(LabelledSet set, List<Path> models) {
        for (Path m : models) {
            List<TensorInfo> outs = ModelInspector.inspect(m).outputs();
            List<String> names = outs.stream().map(TensorInfo::name).toList();
            List<Long> sizes = outs.stream().map(DatasetAccuracy::elements).toList();
            int o = classifierOutput(m.getFileName().toString(), names, sizes, set);
            long classes = sizes.get(o);
            if (classes > 0 && set.maxLabel() >= classes) {
                throw new InputException("--dataset [" + set.dir() + "]: [" + set.fileOfMaxLabel() + "] is labelled"
                        + " class " + set.maxLabel() + ", but output [" + names.get(o) + "] of " + m.getFileName()
                        + " has " + classes + " classes (0.." + (classes - 1) + "); name class folders by this model's"
                        + " class indices (or by the lines of a labels.txt written for it)");
            }
        }
    }

    /** A dynamic dimension counts as unknown (-1): the check then waits for the real outputs. */
    private static long elements(TensorInfo t) {
        return t.isDynamic() ? -1 : t.elementCount();
    }

    /**
     * The classifier among a model's outputs: the one --dataset-output names, else its only output, else the one
     * output with as many elements as labels.txt has lines. Throws when none or several remain, naming them.
     */
    static int classifierOutput(String model, List<String> names, List<Long> elements, LabelledSet set) {
        if (set.output() != null) {
            int at = names.indexOf(set.output());
            if (at < 0) {
                throw new InputException("--dataset-output [" + set.output() + "]: " + model + " has no output of that"
                        + " name; its outputs are " + names + " (edgebench inspect lists them)");
            }
            return at;
        }
        if (names.size() == 1) {
            return 0;
        }
        int classCount = set.classNames().size();
        List<Integer> fit = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (classCount > 0 && elements.get(i) == classCount) {
                fit.add(i);
            }
        }
        if (fit.size() == 1) {
            return fit.get(0);
        }
        throw new InputException(model + " has " + names.size() + " outputs " + names + " with " + elements
                + " elements; --dataset scores the output with as many elements as the set's labels.txt has lines ("
                + (classCount == 0
                        ? "the set has no labels.txt"
                        : classCount + " lines, " + fit.size() + " outputs match")
                + "). Name it with --dataset-output NAME, or add a labels.txt with one line per class of the"
                + " classifier output");
    }

    /**
     * Scores the lanes that produced outputs ({@code outputs.get(i)} null: no outputs, already in output_errors).
     *
     * @param normalization how the images were fed, for the record
     */
    public static Accuracy of(LabelledSet set, List<String> labels, List<LaneOutputs> outputs, String normalization) {
        List<LaneAccuracy> lanes = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<boolean[]> right = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == null) {
                continue;
            }
            Scored s = score(set, labels.get(i), outputs.get(i));
            lanes.add(s.accuracy());
            if (s.top1() != null) {
                index.add(i);
                right.add(s.top1());
            }
        }
        List<AccuracyPair> pairs = AccuracyPairs.of(labels, index, right);
        return new Accuracy(set.name(), set.samples(), set.classNames(), normalization, lanes, pairs);
    }

    /** One lane's gross energy per inference and its ± (null: none stated). */
    record LaneEnergy(double mj, Double pm) {}

    /**
     * A sequential compare's accuracy with each scored lane's energy per correct inference: each lane ran in its own
     * telemetry window, so its valid energy per inference is its own.
     */
    public static Accuracy withEnergy(Accuracy accuracy, List<String> labels, List<BenchResult> results) {
        return withEnergy(accuracy, labels, EnergyPerCorrect.Basis.TIMED_RUNS, i -> {
            EnergyReport e = energyOf(results.get(i));
            return e == null || !e.valid() || e.energyPerInferenceMj() == null
                    ? null
                    : new LaneEnergy(e.energyPerInferenceMj(), e.energyPerInferenceUncertaintyMj());
        });
    }

    /**
     * An interleaved compare's accuracy with each scored lane's energy per correct inference: the board's gross
     * energy per inference over the lane's rounds, its ± the 95 % CI over worker processes ({@code perInference}:
     * per lane, per process, each round's mJ per inference; null when not every round resolved).
     */
    public static Accuracy withRoundEnergy(Accuracy accuracy, List<String> labels, List<List<double[]>> perInference) {
        if (perInference == null) {
            return accuracy;
        }
        return withEnergy(accuracy, labels, EnergyPerCorrect.Basis.ROUNDS, i -> {
            ProcessLevel p = perInference.get(i) == null ? null : ProcessLevel.of(perInference.get(i));
            if (p == null) {
                return null;
            }
            ConfidenceInterval ci = p.interval(RatioEstimate.LEVEL, "energy per inference");
            return new LaneEnergy(p.center(), ci == null ? null : (ci.high() - ci.low()) / 2);
        });
    }

    private static Accuracy withEnergy(
            Accuracy accuracy, List<String> labels, EnergyPerCorrect.Basis basis, IntFunction<LaneEnergy> energy) {
        if (accuracy == null) {
            return null;
        }
        List<LaneAccuracy> lanes = new ArrayList<>();
        for (LaneAccuracy l : accuracy.lanes()) {
            int i = labels.indexOf(l.lane());
            LaneEnergy e = i < 0 || l.top1() == null || l.top1().correct() == 0 ? null : energy.apply(i);
            lanes.add(e == null ? l : l.withEnergyPerCorrect(EnergyPerCorrect.of(e.mj(), e.pm(), l.top1(), basis)));
        }
        return new Accuracy(
                accuracy.dataset(),
                accuracy.images(),
                accuracy.classNames(),
                accuracy.normalization(),
                lanes,
                accuracy.pairs(),
                accuracy.front());
    }

    private static EnergyReport energyOf(BenchResult r) {
        return r == null || r.telemetry() == null ? null : r.telemetry().energy();
    }

    /** A lane's entry and, when scored, its per-image top-1 outcome for the pairs. */
    private record Scored(LaneAccuracy accuracy, boolean[] top1) {}

    private static Scored score(LabelledSet set, String lane, LaneOutputs out) {
        int o;
        try {
            List<Long> sizes =
                    out.shapes().stream().map(DatasetAccuracy::product).toList();
            o = classifierOutput(lane, out.names(), sizes, set);
        } catch (InputException e) {
            return notScored(lane, null, e.getMessage());
        }
        int n = Math.min(set.samples(), out.samples().size());
        if (n < set.samples()) {
            return notScored(
                    lane, out.names().get(o), "it produced outputs for " + n + " of " + set.samples() + " images");
        }
        boolean[] top1 = new boolean[n];
        int right1 = 0;
        int right5 = 0;
        int classes = out.samples().get(0).get(o).length;
        for (int k = 0; k < n; k++) {
            float[] v = out.samples().get(k).get(o);
            int label = set.label(k);
            if (label >= v.length) {
                return notScored(
                        lane,
                        out.names().get(o),
                        "[" + set.file(k) + "] is labelled class " + label + " but the output has " + v.length
                                + " classes");
            }
            int rank = rank(v, label);
            top1[k] = rank == 0;
            right1 += rank == 0 ? 1 : 0;
            right5 += rank < TOP5 ? 1 : 0;
        }
        LaneAccuracy.Score s1 = score(right1, n);
        LaneAccuracy.Score s5 = classes > TOP5 ? score(right5, n) : null;
        String text = String.format(Locale.ROOT, "%s top-1 %s of %d labelled images, ", lane, percent(s1), n)
                + (s5 == null
                        ? "top-5 not scored (the output has " + classes + " classes, so every label is in its top 5)"
                        : "top-5 " + percent(s5));
        return new Scored(new LaneAccuracy(lane, out.names().get(o), s1, s5, text), top1);
    }

    private static Scored notScored(String lane, String output, String why) {
        return new Scored(LaneAccuracy.notScored(lane, output, why), null);
    }

    /**
     * The label's rank among the classes: how many score above it, ties going to the lower index (the first
     * maximum is the top-1 class, as in output agreement).
     */
    static int rank(float[] v, int label) {
        int rank = 0;
        for (int j = 0; j < v.length; j++) {
            if (v[j] > v[label] || (v[j] == v[label] && j < label)) {
                rank++;
            }
        }
        return rank;
    }

    private static LaneAccuracy.Score score(int right, int n) {
        return new LaneAccuracy.Score(right, n, right / (double) n, Wilson.interval95(right, n));
    }

    /** "93.0 % (95 % CI 88.6-95.8)". */
    private static String percent(LaneAccuracy.Score s) {
        return String.format(
                Locale.ROOT, "%.1f %% (95 %% CI %.1f-%.1f)", s.rate() * 100, s.ci().low() * 100, s.ci().high() * 100);
    }

    private static long product(List<Long> shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }
}

package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.compare.align.LaneOutputs;
import io.edgebench.inputs.InputException;
import io.edgebench.inputs.LabelledSet;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.results.Accuracy;
import io.edgebench.results.AccuracyPair;
import io.edgebench.results.BenchResult;
import io.edgebench.results.EnergyReport;
import io.edgebench.results.LaneAccuracy;
import io.edgebench.results.TelemetrySummary;
import io.edgebench.stats.Wilson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring lanes' outputs on a labelled set, and the pairs' sentences, on hand-made outputs. */
class DatasetAccuracyTest {
    /** Four images: two of class "b" (1), two of class "c" (2), with a 3-line labels.txt. */
    private static LabelledSet set(Path dir) throws Exception {
        Files.writeString(dir.resolve("labels.txt"), "a\nb\nc\n");
        for (String f : List.of("b/1.png", "b/2.png", "c/1.png", "c/2.png")) {
            Files.createDirectories(dir.resolve(f).getParent());
            TestFiles.png(dir.resolve(f), 4, 4, 1);
        }
        return LabelledSet.open(dir);
    }

    /** One output per image, each the given logits. */
    private static LaneOutputs outputs(List<String> names, List<Long> size, float[]... perImage) {
        List<List<float[]>> samples = new ArrayList<>();
        for (float[] v : perImage) {
            List<float[]> one = new ArrayList<>();
            names.forEach(n -> one.add(v));
            samples.add(one);
        }
        List<List<Long>> shapes = names.stream().map(n -> size).toList();
        return new LaneOutputs(names, shapes, samples);
    }

    @Test
    void topOne_countsTheFirstLargestScore_andTopFiveNeedsFiveClasses(@TempDir Path dir) throws Exception {
        LabelledSet set = set(dir);
        // labels 1, 1, 2, 2: right, wrong (class 0 wins), right, a tie of 1 and 2 goes to the lower index: wrong
        LaneOutputs out = outputs(
                List.of("probs"),
                List.of(1L, 3L),
                new float[] {0, 1, 0},
                new float[] {1, 0, 0},
                new float[] {0, 0, 1},
                new float[] {0, 1, 1});
        Accuracy a = DatasetAccuracy.of(set, List.of("lane"), List.of(out), "n/a");
        LaneAccuracy l = a.lanes().get(0);
        assertEquals(2, l.top1().correct());
        assertEquals(4, l.top1().images());
        assertNull(l.top5());
        assertTrue(
                l.text().endsWith("top-5 not scored (the output has 3 classes, so every label is in its top 5)"),
                l.text());
        assertEquals(List.of("a", "b", "c"), a.classNames());
    }

    /** compare --json is read back by other commands: the accuracy block survives the round trip. */
    @Test
    void accuracy_roundTripsThroughJson(@TempDir Path dir) throws Exception {
        LabelledSet set = set(dir);
        LaneOutputs out = outputs(
                List.of("probs"),
                List.of(1L, 3L),
                new float[] {0, 1, 0},
                new float[] {1, 0, 0},
                new float[] {0, 0, 1},
                new float[] {0, 1, 1});
        Accuracy a = DatasetAccuracy.of(set, List.of("x", "y"), List.of(out, out), "n/a");
        String json = Json.mapper().writeValueAsString(a);
        assertTrue(json.contains("\"only_a\":0"), json);
        assertEquals(a, Json.mapper().readValue(json, Accuracy.class));
    }

    @Test
    void rank_isHowManyScoreAbove_tiesToTheLowerIndex() {
        float[] v = {0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.2f};
        assertEquals(0, DatasetAccuracy.rank(v, 1));
        assertEquals(1, DatasetAccuracy.rank(v, 4));
        assertEquals(2, DatasetAccuracy.rank(v, 0));
        assertEquals(3, DatasetAccuracy.rank(v, 2));
        assertEquals(5, DatasetAccuracy.rank(v, 3));
    }

    @Test
    void severalOutputs_theOneWithTheClassCount_orTheNamedOne(@TempDir Path dir) throws Exception {
        LabelledSet set = set(dir);
        List<String> names = List.of("boxes", "scores");
        assertEquals(1, DatasetAccuracy.classifierOutput("m", names, List.of(4L, 3L), set));
        InputException twoFit = assertThrows(
                InputException.class, () -> DatasetAccuracy.classifierOutput("m", names, List.of(3L, 3L), set));
        assertTrue(
                twoFit.getMessage().contains("(3 lines, 2 outputs match). Name it with --dataset-output NAME"),
                twoFit.getMessage());
        assertEquals(0, DatasetAccuracy.classifierOutput("m", names, List.of(3L, 3L), set.withOutput("boxes")));
        InputException unknown = assertThrows(
                InputException.class,
                () -> DatasetAccuracy.classifierOutput("m", names, List.of(3L, 3L), set.withOutput("logits")));
        assertTrue(
                unknown.getMessage()
                        .startsWith("--dataset-output [logits]: m has no output of that name; its outputs are [boxes,"
                                + " scores]"),
                unknown.getMessage());
    }

    @Test
    void anAmbiguousLane_isNotScored_andSaysWhy(@TempDir Path dir) throws Exception {
        LabelledSet set = set(dir);
        float[] v = {0, 1, 0};
        LaneOutputs out = outputs(List.of("logits", "probs"), List.of(1L, 3L), v, v, v, v);
        LaneAccuracy l = DatasetAccuracy.of(set, List.of("lane"), List.of(out), "n/a")
                .lanes()
                .get(0);
        assertNull(l.top1());
        assertTrue(l.text().startsWith("lane: not scored: lane has 2 outputs [logits, probs]"), l.text());
    }

    @Test
    void pairSentences_sayWhoLoses_onlyWhenTheIntervalExcludesZero_andWhenNoPValueCanBeGiven() {
        boolean[] t = {true, true, true, true, true, true, true, true, true, true};
        boolean[] bWorse = {true, true, false, false, false, false, false, false, true, true};
        AccuracyPair p = AccuracyPairs.pair(0, 1, "A", "B", t, bWorse);
        assertEquals(AccuracyPair.Outcome.A_BETTER, p.outcome());
        assertTrue(p.text().startsWith("B loses 60.0 points of top-1 against A (95 % CI "), p.text());
        assertTrue(p.text().endsWith("McNemar exact p = 0.031 (6 vs 0 discordant)"), p.text());

        AccuracyPair mirrored = AccuracyPairs.pair(0, 1, "B", "A", bWorse, t);
        assertEquals(AccuracyPair.Outcome.B_BETTER, mirrored.outcome());
        // the same sentence from the other side: the interval is mirrored back into a loss
        assertEquals(p.text(), mirrored.text());
        assertEquals(-p.difference(), mirrored.difference(), 1e-12);

        boolean[] oneWrong = {true, true, true, true, true, true, true, true, true, false};
        AccuracyPair few = AccuracyPairs.pair(0, 1, "A", "B", t, oneWrong);
        assertNull(few.mcnemarP());
        assertEquals(AccuracyPair.Outcome.NOT_RESOLVED, few.outcome(), "1 of 10 cannot show a loss");
        assertTrue(
                few.text()
                        .startsWith("A and B: no top-1 difference shown on these 10 images (B is 10.0 points behind;"
                                + " 95 % CI "),
                few.text());
        assertTrue(
                few.text()
                        .endsWith("no McNemar p-value: 1 discordant image (1 vs 0) cannot reach p < 0.05 (it takes"
                                + " 6)"),
                few.text());

        AccuracyPair same = AccuracyPairs.pair(0, 1, "A", "B", t, t);
        assertEquals(AccuracyPair.Outcome.SAME_ON_ALL, same.outcome());
        assertTrue(same.text().startsWith("A and B: same top-1 on all 10 images"), same.text());
    }

    private static BenchResult withEnergy(EnergyReport e) {
        TelemetrySummary t = TelemetrySummary.builder()
                .sampled(10, 100)
                .tempC(Map.of())
                .energy(e)
                .build();
        return BenchResult.builder().telemetry(t).build();
    }

    /**
     * Energy per correct inference: a lane right on 40 of 50 images at 2.00 ± 0.10 mJ per inference spends 2.50 mJ
     * per right answer; the range takes the energy's ± and the top-1 interval together. A lane without a valid
     * energy report, or without a right answer, gets none.
     */
    @Test
    void energyPerCorrectInference_onlyWhereTheLanesOwnRunMeasuredEnergy() throws Exception {
        LaneAccuracy.Score top1 = new LaneAccuracy.Score(40, 50, 0.8, Wilson.interval95(40, 50));
        LaneAccuracy.Score none = new LaneAccuracy.Score(0, 50, 0, Wilson.interval95(0, 50));
        List<String> labels = List.of("m tflite:cpu", "m tflite:xnnpack", "m onnx:cpu", "q tflite:cpu");
        Accuracy acc = new Accuracy(
                "set",
                50,
                List.of(),
                "p / 255",
                List.of(
                        new LaneAccuracy(labels.get(0), "out", top1, null, "m tflite:cpu top-1 80.0 %"),
                        new LaneAccuracy(labels.get(1), "out", top1, null, "m tflite:xnnpack top-1 80.0 %"),
                        new LaneAccuracy(labels.get(2), "out", top1, null, "m onnx:cpu top-1 80.0 %"),
                        new LaneAccuracy(labels.get(3), "out", none, null, "q tflite:cpu top-1 0.0 %")),
                List.of());
        EnergyReport measured =
                EnergyReport.builder("ina219", "test").perInference(2.0, 0.1).build();
        EnergyReport invalid = EnergyReport.builder("ina219", "test")
                .perInference(2.0, 0.1)
                .invalid("power source silent")
                .build();
        List<BenchResult> results = List.of(
                withEnergy(measured), withEnergy(invalid), BenchResult.builder().build(), withEnergy(measured));

        Accuracy out = DatasetAccuracy.withEnergy(acc, labels, results);

        LaneAccuracy cpu = out.lanes().get(0);
        LaneAccuracy.EnergyPerCorrect e = cpu.energyPerCorrectInference();
        assertEquals(2.5, e.mj(), 1e-12);
        assertEquals(1.9 / top1.ci().high(), e.lowMj(), 1e-12);
        assertEquals(2.1 / top1.ci().low(), e.highMj(), 1e-12);
        assertTrue(
                cpu.text()
                        .matches(
                                "m tflite:cpu top-1 80\\.0 %, gross energy per correct inference 2\\.50 mJ \\(its timed"
                                        + " runs' gross energy per inference over its top-1 on this set;"
                                        + " 2\\.\\d\\d-3\\.\\d\\d mJ from the energy's ± and the top-1 CI\\)"),
                cpu.text());
        String json = Json.mapper().writeValueAsString(cpu);
        assertTrue(json.contains("\"energy_per_correct_inference\":{\"mj\":2.5,"), json);
        for (int i = 1; i < 4; i++) {
            assertNull(
                    out.lanes().get(i).energyPerCorrectInference(),
                    out.lanes().get(i).toString());
            assertEquals(acc.lanes().get(i).text(), out.lanes().get(i).text());
        }
        assertNull(DatasetAccuracy.withEnergy(null, labels, results), "no labelled set: nothing to add to");
    }
}

package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.testkit.FixtureBoard;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --dataset end to end on the classifiers of {@link LabelledSetFixture}, whose answers are known by construction:
 * every lane's exact top-1 and the paired difference of the two models.
 */
@Timeout(600)
class DatasetCompareTest {
    private static final int IMAGES = LabelledSetFixture.IMAGES;
    private static final int MISFILED = LabelledSetFixture.MISFILED;
    private static final int FLIPPED_WRONG = LabelledSetFixture.FLIPPED_WRONG;
    private static final int FLIPPED_RIGHT = LabelledSetFixture.FLIPPED_RIGHT;

    @TempDir
    static Path dir;

    static LabelledSetFixture fixture;
    static Path set;
    static List<Path> a;

    @BeforeAll
    static void forge() throws Exception {
        fixture = LabelledSetFixture.forge(dir);
        set = fixture.set();
        a = fixture.a();
    }

    private static int run(StringWriter out, String... args) {
        return LabelledSetFixture.run(out, args);
    }

    @Test
    void exactTop1PerLane_andThePairedDifferenceInsideItsInterval() throws Exception {
        Path json = dir.resolve("accuracy.json");
        StringWriter out = new StringWriter();
        int code = fixture.compare(json, out);
        assertEquals(ExitCode.OK, code, out.toString());
        JsonNode acc = Json.mapper().readTree(json.toFile()).get("accuracy");
        assertEquals(IMAGES, acc.get("images").asInt());
        assertTrue(acc.get("normalization").asText().startsWith("(p - 127.5) / 127.5 per channel"), acc.toString());
        JsonNode lanes = acc.get("lanes");
        assertEquals(3, lanes.size(), acc.toString());
        int[] expected = {IMAGES - MISFILED, IMAGES - MISFILED, IMAGES - MISFILED - FLIPPED_WRONG + FLIPPED_RIGHT};
        for (int i = 0; i < 3; i++) {
            JsonNode l = lanes.get(i);
            assertEquals(expected[i], l.get("top1").get("correct").asInt(), l.toString());
            assertEquals(IMAGES, l.get("top1").get("images").asInt());
            // the labels are classes 0..2 and classes 3..5 always score lowest: every label is in the top 5
            assertEquals(IMAGES, l.get("top5").get("correct").asInt(), l.toString());
            double rate = expected[i] / (double) IMAGES;
            assertTrue(l.get("top1").get("ci").get("low").asDouble() < rate, l.toString());
            assertTrue(l.get("top1").get("ci").get("high").asDouble() > rate, l.toString());
        }
        JsonNode pairs = acc.get("pairs");
        assertEquals(3, pairs.size(), acc.toString());
        JsonNode same = pairs.get(0); // a.tflite against a.onnx: the same network in two runtimes
        assertEquals("same_on_all", same.get("outcome").asText(), same.toString());
        assertEquals(
                0,
                same.get("table").get("only_a").asInt()
                        + same.get("table").get("only_b").asInt());

        JsonNode ab = pairs.get(1); // a.tflite against b.tflite
        assertEquals(0, ab.get("a").asInt());
        assertEquals(2, ab.get("b").asInt());
        assertEquals(FLIPPED_WRONG, ab.get("table").get("only_a").asInt(), ab.toString());
        assertEquals(FLIPPED_RIGHT, ab.get("table").get("only_b").asInt(), ab.toString());
        double truth = (FLIPPED_WRONG - FLIPPED_RIGHT) / (double) IMAGES;
        assertEquals(truth, ab.get("difference").asDouble(), 1e-12);
        double low = ab.get("difference_ci").get("low").asDouble();
        double high = ab.get("difference_ci").get("high").asDouble();
        assertTrue(low < truth && truth < high, ab.toString());
        assertTrue(low > -0.15 && high < 0.35 && high - low < 0.35, "a sane width from 6 discordant of 42: " + ab);
        // 5 vs 1 of 6 discordant: 2 * (1 + 6) / 2^6
        assertEquals(14.0 / 64, ab.get("mcnemar_p").asDouble(), 1e-9);
        assertEquals("not_resolved", ab.get("outcome").asText(), "6 discordant of 42 cannot show a loss: " + ab);

        String text = out.toString();
        assertFront(Json.mapper().readTree(json.toFile()), text);
        assertTrue(text.contains("Accuracy on labelled set " + set + " (42 images; pixels (p - 127.5) / 127.5"), text);
        assertTrue(
                text.contains("a.tflite tflite:cpu top-1 90.5 % (95 % CI 77.9-96.2) of 42 labelled images, top-5"
                        + " 100.0 %"),
                text);
        assertTrue(
                text.contains("a.tflite tflite:cpu and b.tflite tflite:cpu: no top-1 difference shown on these 42"
                        + " images (b.tflite tflite:cpu is 9.5 points behind; 95 % CI -3.0 to 22.8 includes 0)"),
                text);
        assertTrue(text.contains("McNemar exact p = 0.219 (5 vs 1 discordant)"), text);
        assertTrue(text.contains("a.tflite tflite:cpu and a.onnx onnx:cpu: same top-1 on all 42 images"), text);
    }

    /**
     * No pair is told apart on top-1 here, so the front holds every lane no verdict shows slower than another: each
     * lane off it must be the slower of a "different" verdict, and each lane on it the slower of none.
     */
    private static void assertFront(JsonNode report, String text) {
        JsonNode front = report.at("/accuracy/front");
        assertTrue(text.contains(front.get("text").asText()), text);
        assertTrue(front.get("text").asText().startsWith("Pareto front (p50 latency x top-1 on this set;"), text);
        List<String> on = new ArrayList<>();
        front.get("lanes").forEach(l -> on.add(l.asText()));
        assertTrue(!on.isEmpty(), front.toString());
        for (int i = 0; i < report.get("lanes").size(); i++) {
            boolean shownSlower = false;
            for (JsonNode v : report.get("verdicts")) {
                JsonNode r = v.get("speedup");
                if (r != null && "different".equals(r.get("outcome").asText())) {
                    int slower = r.get("ratio").asDouble() > 1
                            ? v.get("b").asInt()
                            : v.get("a").asInt();
                    shownSlower |= slower == i;
                }
            }
            String lane = report.get("lanes").get(i).asText();
            assertEquals(!shownSlower, on.contains(lane), lane + " in " + front + " given " + report.get("verdicts"));
        }
    }

    @Test
    void aClassIndexOutsideTheOutput_isRefusedBeforeAnyLaneRuns() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad/7"));
        LabelledSetFixture.png(bad.resolve("x.png"), LabelledSetFixture.RED, 0);
        StringWriter out = new StringWriter();
        int code = run(
                out,
                QuickCompare.args(
                        "tflite:cpu",
                        List.of(a.get(0)),
                        "--dataset",
                        bad.getParent().toString()));
        assertNotEquals(ExitCode.OK, code, out.toString());
        assertTrue(
                out.toString()
                        .contains("[7/x.png] is labelled class 7, but output [output] of a.tflite has 6 classes"
                                + " (0..5)"),
                out.toString());
        assertTrue(!out.toString().contains("bench   "), "refused before any lane ran: " + out);
    }

    @Test
    void datasetWithInputOrReference_isABadUsageErrorNamingBoth() throws Exception {
        StringWriter out = new StringWriter();
        int code = run(
                out,
                QuickCompare.args(
                        "tflite:cpu", List.of(a.get(0)), "--dataset", set.toString(), "--input", set.toString()));
        assertNotEquals(ExitCode.OK, code, out.toString());
        assertTrue(out.toString().contains("--dataset [" + set + "] brings its own images"), out.toString());

        StringWriter out2 = new StringWriter();
        int code2 = run(
                out2,
                QuickCompare.args(
                        "tflite:cpu", List.of(a.get(0)), "--dataset", set.toString(), "--reference", set.toString()));
        assertNotEquals(ExitCode.OK, code2, out2.toString());
        assertTrue(
                out2.toString()
                        .contains("--dataset [" + set + "] and --reference [" + set + "] both choose the inputs; run"
                                + " them as two compares"),
                out2.toString());
    }
    /**
     * `compare MODELS... --threads 1 --min-seconds 1.2 --dataset set --json FILE` plus {@code extra} on a fixture
     * board whose hwmon power follows this machine's CPU load; returns the JSON, {@code out} what it printed.
     */
    private static JsonNode compareOnBoard(String name, StringWriter out, List<String> modelsAndOptions)
            throws Exception {
        Path json = dir.resolve(name + ".json");
        int code;
        try (FixtureBoard board = FixtureBoard.start(dir.resolve(name), false)) {
            List<String> args = new ArrayList<>(List.of("compare"));
            args.addAll(modelsAndOptions);
            args.addAll(List.of(
                    "--threads", "1", "--min-seconds", "1.2", "--dataset", set.toString(), "--json", json.toString()));
            args.addAll(board.options());
            code = run(out, args.toArray(String[]::new));
        }
        assertEquals(ExitCode.OK, code, out.toString());
        return Json.mapper().readTree(json.toFile());
    }

    /** The lane's energy per correct inference is {@code perInference} over top-1, inside its range, and printed. */
    private static void assertPerCorrect(JsonNode lane, double perInference, String basisText, StringWriter out) {
        JsonNode perCorrect = lane.get("energy_per_correct_inference");
        assertEquals(
                perInference * IMAGES / (IMAGES - MISFILED),
                perCorrect.get("mj").asDouble(),
                1e-9,
                lane.toString());
        assertTrue(
                perCorrect.get("low_mj").asDouble() < perCorrect.get("mj").asDouble()
                        && perCorrect.get("mj").asDouble()
                                < perCorrect.get("high_mj").asDouble(),
                lane.toString());
        String line = lane.get("text").asText();
        assertTrue(
                line.contains(String.format(
                        java.util.Locale.ROOT,
                        ", gross energy per correct inference %.2f mJ (%s over its top-1 on this set; ",
                        perCorrect.get("mj").asDouble(),
                        basisText)),
                line);
        assertTrue(out.toString().contains(line), out.toString());
    }

    /**
     * A sequential compare (--sample-hz): each lane's own energy per inference over its top-1 is its energy per
     * correct inference, in the JSON and its line.
     */
    @Test
    void sequentialCompareWithPower_saysEnergyPerCorrectInference() throws Exception {
        StringWriter out = new StringWriter();
        JsonNode result = compareOnBoard(
                "sequential", out, List.of(a.get(0).toString(), "--delegates", "tflite:cpu", "--sample-hz", "200"));
        JsonNode energy = result.get("results").get(0).get("telemetry").get("energy");
        assertTrue(energy.get("valid").asBoolean(), energy.toString());
        JsonNode lane = result.get("accuracy").get("lanes").get(0);
        assertEquals(
                "timed_runs", lane.at("/energy_per_correct_inference/basis").asText(), lane.toString());
        assertPerCorrect(
                lane,
                energy.get("energy_per_inference_mj").asDouble(),
                "its timed runs' gross energy per inference",
                out);
    }

    /**
     * An interleaved compare: the board's energy over each lane's rounds, over its top-1, is its energy per correct
     * inference; the sweep's least-energy lane carries the same energy per inference.
     */
    @Test
    void interleavedCompareWithPower_saysEnergyPerCorrectInferenceFromTheRounds() throws Exception {
        StringWriter out = new StringWriter();
        JsonNode result = compareOnBoard(
                "interleaved",
                out,
                List.of(a.get(0).toString(), a.get(1).toString(), "--delegates", "tflite:cpu,onnx:cpu"));
        JsonNode least = result.at("/sweep/least_energy");
        assertTrue(least.has("energy_mj"), result.get("sweep").toString());
        JsonNode lane = result.at("/accuracy/lanes/" + least.get("lane").asInt());
        assertEquals("rounds", lane.at("/energy_per_correct_inference/basis").asText(), lane.toString());
        assertPerCorrect(
                lane, least.get("energy_mj").asDouble(), "its interleaved rounds' gross energy per inference", out);
    }
}

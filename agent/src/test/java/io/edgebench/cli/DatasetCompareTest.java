package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.ChannelClassifier;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * --dataset end to end on classifiers whose answers are known by construction ({@link ChannelClassifier}: the class
 * is the brightest channel). Solid-colour images, with a known number in the wrong class folder, give every correct
 * lane an exact top-1; a second model with the red bias raised by 0.4 (51 pixel levels) flips exactly the green
 * images whose red is 20 levels below their green, and none of those 100 levels below, so the paired difference is
 * known too. The margins are far from the flip point, so no rounding in either runtime can move an answer.
 */
@Timeout(600)
class DatasetCompareTest {
    private static final int SIZE = 8;
    /** Red, green, blue pixels 100 levels apart: a margin of 0.78 after (p - 127.5) / 127.5. */
    private static final int[] RED = {200, 100, 100};

    private static final int[] GREEN = {100, 200, 100};
    private static final int[] BLUE = {100, 100, 200};
    /** Green, red 20 levels below: 0.16 of margin, under the 0.4 the second model adds to red. */
    private static final int[] CLOSE_GREEN = {180, 200, 60};

    private static final int IMAGES = 42;
    private static final int MISFILED = 4;
    /** Close greens filed as green: right for model a, wrong for model b. */
    private static final int FLIPPED_WRONG = 5;
    /** The close green filed as red: wrong for a, right for b. */
    private static final int FLIPPED_RIGHT = 1;

    @TempDir
    static Path dir;

    static Path set;
    static List<Path> a;
    static List<Path> b;

    @BeforeAll
    static void forge() throws Exception {
        a = ChannelClassifier.write(dir.resolve("models"), "a", SIZE, new float[] {0, 0, 0});
        b = ChannelClassifier.write(dir.resolve("models"), "b", SIZE, new float[] {0.4f, 0, 0});
        set = Files.createDirectories(dir.resolve("set"));
        Files.writeString(set.resolve("labels.txt"), "red\ngreen\nblue\nunused3\nunused4\nunused5\n");
        List<String[]> files = new ArrayList<>(); // folder, colour
        for (int i = 0; i < 12; i++) {
            // two reds misfiled as blue, one blue misfiled as green
            files.add(new String[] {i < 2 ? "blue" : "red", "red"});
            files.add(new String[] {"green", "green"});
            files.add(new String[] {i < 1 ? "green" : "blue", "blue"});
        }
        for (int i = 0; i < FLIPPED_WRONG + FLIPPED_RIGHT; i++) {
            files.add(new String[] {i < FLIPPED_RIGHT ? "red" : "green", "close"});
        }
        assertEquals(IMAGES, files.size());
        for (int k = 0; k < files.size(); k++) {
            String[] f = files.get(k);
            int[] rgb = switch (f[1]) {
                case "red" -> RED;
                case "green" -> GREEN;
                case "blue" -> BLUE;
                default -> CLOSE_GREEN;
            };
            // 12 x 10 pixels: resized to 8 x 8 by the input rules (a solid colour stays itself)
            png(set.resolve(f[0]).resolve(String.format("img%03d.png", k)), rgb, k % 3);
        }
    }

    /** A solid image, one channel nudged by {@code jitter} levels so the files differ. */
    private static void png(Path file, int[] rgb, int jitter) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
        int argb = ((rgb[0] + jitter) << 16) | (rgb[1] << 8) | rgb[2];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                img.setRGB(x, y, argb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    @Test
    void exactTop1PerLane_andThePairedDifferenceInsideItsInterval() throws Exception {
        Path json = dir.resolve("accuracy.json");
        StringWriter out = new StringWriter();
        int code = run(
                out,
                QuickCompare.args(
                        "tflite:cpu,onnx:cpu",
                        List.of(a.get(0), a.get(1), b.get(0)),
                        "--dataset",
                        set.toString(),
                        // a and b are different models: their outputs' agreement would fail the run, which is not
                        // what this test is about; accuracy itself never does, however low (b scores 81 %)
                        "--tolerance",
                        "1",
                        "--min-top1",
                        "0",
                        "--json",
                        json.toString()));
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

    @Test
    void aClassIndexOutsideTheOutput_isRefusedBeforeAnyLaneRuns() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad/7"));
        png(bad.resolve("x.png"), RED, 0);
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
}

package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.model.forge.ChannelClassifier;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Classifiers whose answers are known by construction ({@link ChannelClassifier}: the class is the brightest
 * channel) and a labelled set for them. Solid-colour images, with a known number in the wrong class folder, give
 * every correct lane an exact top-1; a second model with the red bias raised by 0.4 (51 pixel levels) flips exactly
 * the green images whose red is 20 levels below their green, and none of those 100 levels below, so the paired
 * difference is known too. The margins are far from the flip point, so no rounding in either runtime can move an
 * answer. Used by the --dataset tests and, as real compare output, by the report's.
 *
 * @param a model a as .tflite and .onnx
 * @param b model b (red bias +0.4) as .tflite and .onnx
 * @param set the labelled set's folder
 */
public record LabelledSetFixture(List<Path> a, List<Path> b, Path set) {
    static final int SIZE = 8;
    /** Red, green, blue pixels 100 levels apart: a margin of 0.78 after (p - 127.5) / 127.5. */
    static final int[] RED = {200, 100, 100};

    static final int[] GREEN = {100, 200, 100};
    static final int[] BLUE = {100, 100, 200};
    /** Green, red 20 levels below: 0.16 of margin, under the 0.4 the second model adds to red. */
    static final int[] CLOSE_GREEN = {180, 200, 60};

    public static final int IMAGES = 42;
    public static final int MISFILED = 4;
    /** Close greens filed as green: right for model a, wrong for model b. */
    public static final int FLIPPED_WRONG = 5;
    /** The close green filed as red: wrong for a, right for b. */
    public static final int FLIPPED_RIGHT = 1;

    /** Writes the two models under dir/models and the set under dir/set. */
    public static LabelledSetFixture forge(Path dir) throws Exception {
        List<Path> a = ChannelClassifier.write(dir.resolve("models"), "a", SIZE, new float[] {0, 0, 0});
        List<Path> b = ChannelClassifier.write(dir.resolve("models"), "b", SIZE, new float[] {0.4f, 0, 0});
        Path set = Files.createDirectories(dir.resolve("set"));
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
        return new LabelledSetFixture(a, b, set);
    }

    /** A solid image, one channel nudged by {@code jitter} levels so the files differ. */
    static void png(Path file, int[] rgb, int jitter) throws Exception {
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

    /**
     * The compare the --dataset tests check, run for real: a.tflite, a.onnx and b.tflite on the CPU, scored on the
     * set, with {@code --json json}. Returns its exit code; {@code out} receives what it printed.
     */
    public int compare(Path json, StringWriter out) {
        return compare(List.of(a.get(0), a.get(1), b.get(0)), set, json, out);
    }

    /** {@code models} on tflite:cpu and onnx:cpu, scored on {@code set}, with {@code --json json}. */
    static int compare(List<Path> models, Path set, Path json, StringWriter out) {
        return run(
                out,
                QuickCompare.args(
                        "tflite:cpu,onnx:cpu",
                        models,
                        "--dataset",
                        set.toString(),
                        // different models (or float and int8) disagree on their outputs, which would fail the run;
                        // that is not what these tests are about. Accuracy itself never fails it, however low
                        "--tolerance",
                        "1",
                        "--min-top1",
                        "0",
                        "--json",
                        json.toString()));
    }

    static int run(StringWriter out, String... args) {
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }
}

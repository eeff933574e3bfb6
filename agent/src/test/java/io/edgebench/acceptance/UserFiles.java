package io.edgebench.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.acceptance.Launcher.Outcome;
import io.edgebench.testkit.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The files a user has when they type the documented commands, under the names the docs use: their own models
 * (forged here, so a fresh clone needs no download), the models already on their agent, and result files.
 */
final class UserFiles {
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(3);

    private UserFiles() {}

    /** A user's directory: mobilenet.tflite, model.tflite and model.onnx, the labelled set flowers/; ./agent-data/models with m.tflite, m.onnx, ... */
    static Path userDir(Launcher launcher, Path dir, Path logs) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        made(launcher.run("edgebench forge --out forged", dir, logs, SETUP_TIMEOUT));
        Path tflite = dir.resolve("forged/tiny_f32.tflite");
        Path onnx = dir.resolve("forged/tiny_f32.onnx");
        Files.copy(tflite, dir.resolve("mobilenet.tflite"));
        Files.copy(tflite, dir.resolve("model.tflite"));
        Files.copy(onnx, dir.resolve("model.onnx"));
        Path models = Files.createDirectories(dir.resolve("agent-data/models"));
        Files.copy(tflite, models.resolve("m.tflite"));
        Files.copy(onnx, models.resolve("m.onnx"));
        Files.copy(tflite, models.resolve("mobilenet_v2.tflite"));
        flowers(dir.resolve("flowers"));
        // result files from three boards, as docs/results.md's report command takes them
        made(launcher.run(
                "edgebench bench model.tflite --runs 20 --min-seconds 0 --no-telemetry --quiet --json pi4.json",
                dir,
                logs,
                SETUP_TIMEOUT));
        Files.copy(dir.resolve("pi4.json"), dir.resolve("pi5.json"));
        Files.copy(dir.resolve("pi4.json"), dir.resolve("coral.json"));
        return dir;
    }

    /** A labelled set as docs/accuracy.md's sets/put sends it: 3 class folders of 2 solid-colour PNGs each. */
    private static void flowers(Path set) throws IOException {
        int[] colours = {0xc83c3c, 0x3cc83c, 0x3c3cc8};
        for (int c = 0; c < colours.length; c++) {
            Path folder = Files.createDirectories(set.resolve(String.valueOf(c)));
            for (int k = 0; k < 2; k++) {
                java.awt.image.BufferedImage img =
                        new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 30; y++) {
                    for (int x = 0; x < 40; x++) {
                        img.setRGB(x, y, colours[c] + k);
                    }
                }
                javax.imageio.ImageIO.write(
                        img, "png", folder.resolve("img" + k + ".png").toFile());
            }
        }
    }

    /**
     * A directory holding the shared third-party models (links), next to a {@code shared/models} folder as the
     * docs' relative paths expect; empty when the shared folder is absent.
     */
    static Path sharedModelsDir(Path scratch) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("models-user"));
        if (!SharedModels.present()) {
            return dir;
        }
        Path shared = SharedModels.dir().toAbsolutePath();
        Files.createSymbolicLink(scratch.resolve("shared"), shared.getParent());
        try (Stream<Path> files = Files.list(shared)) {
            for (Path f : files.toList()) {
                Files.createSymbolicLink(dir.resolve(f.getFileName()), f);
            }
        }
        return dir;
    }

    /** Removes the links to the shared models (the temporary folder's cleanup would warn about each one). */
    static void unlinkSharedModels(Path scratch) throws IOException {
        Path dir = scratch.resolve("models-user");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    if (Files.isSymbolicLink(f)) {
                        Files.delete(f);
                    }
                }
            }
        }
        Files.deleteIfExists(scratch.resolve("shared"));
    }

    private static void made(Outcome o) {
        assertEquals(0, o.exitCode(), o.toString());
    }
}

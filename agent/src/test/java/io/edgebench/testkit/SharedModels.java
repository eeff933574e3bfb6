package io.edgebench.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The optional third-party models (shared/models with MANIFEST.tsv), found one way for every test: the system
 * property {@value #PROPERTY} when set, else the first {@code shared/models} folder above the working directory
 * (so a checkout at any depth finds it). Tests using them skip when it is absent, as on a fresh clone; the absence
 * is said once per test JVM on stderr, not silently per test.
 */
public final class SharedModels {
    public static final String PROPERTY = "edgebench.shared.models";
    private static final Path DIR = locate();
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private SharedModels() {}

    private static Path locate() {
        String p = System.getProperty(PROPERTY);
        if (p != null) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared").resolve("models"))) {
                return d.resolve("shared").resolve("models");
            }
        }
        return Path.of("shared", "models");
    }

    public static Path dir() {
        return DIR;
    }

    /** True when the folder is there; otherwise says so (once) and returns false. */
    public static boolean present() {
        boolean there = Files.isDirectory(DIR);
        if (!there && TOLD.compareAndSet(false, true)) {
            System.err.println("edgebench tests: no shared models at " + DIR.toAbsolutePath() + " (no shared/models"
                    + " above " + Path.of("").toAbsolutePath() + "; set -D" + PROPERTY + "=DIR): the tests on real"
                    + " third-party models are skipped");
        }
        return there;
    }

    /** The model file, or the calling test is skipped. */
    public static Path require(String fileName) {
        Path file = DIR.resolve(fileName);
        assumeTrue(present() && Files.isRegularFile(file), "shared model " + file + " not present");
        return file;
    }

    /** The model file, or null when absent (for tests that skip with their own message). */
    public static Path find(String fileName) {
        Path file = DIR.resolve(fileName);
        return present() && Files.isRegularFile(file) ? file : null;
    }

    /** MANIFEST.tsv's rows without the header, columns split; empty when the folder is absent. */
    public static List<List<String>> manifest() throws IOException {
        Path manifest = DIR.resolve("MANIFEST.tsv");
        if (!present() || !Files.isRegularFile(manifest)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(manifest);
        return lines.subList(1, lines.size()).stream()
                .filter(l -> !l.isBlank())
                .map(l -> List.of(l.split("\t")))
                .toList();
    }

    /** Every .tflite in the folder (empty when it is absent). */
    public static List<Path> tflite() throws IOException {
        if (!present()) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tflite"))
                    .sorted()
                    .toList();
        }
    }
}

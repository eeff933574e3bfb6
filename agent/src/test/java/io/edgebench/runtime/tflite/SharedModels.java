package io.edgebench.runtime.tflite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The optional third-party models in ../shared/models (system property edgebench.shared.models overrides the folder,
 * relative to the agent module). Tests using them skip when the folder is absent, as on a fresh clone.
 */
public final class SharedModels {
    private SharedModels() {}

    public static Path dir() {
        return Path.of(System.getProperty("edgebench.shared.models", "../../shared/models"));
    }

    /** The model file, or the calling test is skipped. */
    public static Path require(String fileName) {
        Path file = dir().resolve(fileName);
        assumeTrue(Files.isRegularFile(file), "shared model " + file + " not present");
        return file;
    }

    /** Every .tflite in the folder (empty when it is absent). */
    public static List<Path> tflite() throws IOException {
        if (!Files.isDirectory(dir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tflite")).sorted().toList();
        }
    }
}

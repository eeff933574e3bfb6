package io.edgebench.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link CommandRunner} that answers from recorded outputs: {@code <dir>/vcgencmd_get_throttled.txt} for
 * {@code vcgencmd get_throttled}. A missing recording behaves like a missing binary. For fixture trees and tests.
 */
public final class RecordedCommands implements CommandRunner {
    private final Path dir;

    public RecordedCommands(Path dir) {
        this.dir = dir;
    }

    public static String fileName(List<String> argv) {
        return String.join("_", argv) + ".txt";
    }

    @Override
    public String run(List<String> argv, Duration timeout) throws IOException {
        Path file = dir.resolve(fileName(argv));
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "Cannot run program \"" + argv.get(0) + "\" (no recorded output " + file.getFileName() + ")");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}

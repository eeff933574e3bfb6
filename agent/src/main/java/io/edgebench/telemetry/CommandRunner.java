package io.edgebench.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a small external command (vcgencmd) and returns its stdout. The one place telemetry spawns processes, so
 * tests can replace it with recorded outputs.
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs argv; throws IOException when it cannot start, exits non-zero or exceeds the timeout. */
    String run(List<String> argv, Duration timeout) throws IOException;

    /** The real thing: a child process, killed at the timeout. */
    CommandRunner PROCESS = (argv, timeout) -> {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish within " + timeout.toMillis() + " ms");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " exited with " + p.exitValue() + ": " + out.trim());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", argv) + " interrupted", e);
        }
    };
}

package io.edgebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a remote job's progress messages on stderr: one line rewritten in place on a terminal, one line per phase
 * otherwise (logs and pipes should not fill with carriage returns). Called from the MQTT callback thread.
 */
final class RemoteProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private String lastPhase;
    private boolean open;

    RemoteProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    synchronized void show(JsonNode progress) {
        String phase = progress.path("phase").asText("?");
        String line = line(progress, phase);
        if (terminal) {
            err.print("\r" + line + "\033[K");
            err.flush();
            open = true;
        } else if (!phase.equals(lastPhase)) {
            err.println(line);
            err.flush();
        }
        lastPhase = phase;
    }

    /** Ends the in-place line so that the result starts on a fresh one. */
    synchronized void finish() {
        if (open) {
            err.println();
            err.flush();
            open = false;
        }
    }

    static String line(JsonNode progress, String phase) {
        StringBuilder s = new StringBuilder("job ")
                .append(progress.path("job_id").asText("?"))
                .append(": ")
                .append(phase);
        if (progress.path("runs_target").asLong(0) > 0) {
            s.append(' ')
                    .append(progress.path("runs_done").asLong())
                    .append('/')
                    .append(progress.path("runs_target").asLong())
                    .append(" runs");
        }
        if (progress.path("eta_s").isNumber()) {
            s.append(String.format(
                    Locale.ROOT, ", about %.0f s left", progress.get("eta_s").asDouble()));
        }
        return s.toString();
    }
}

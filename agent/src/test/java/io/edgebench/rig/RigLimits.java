package io.edgebench.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The limits a fleet on one machine runs into first: open files per process, and mosquitto's own settings. */
final class RigLimits {
    /** Descriptors besides the agents' sockets: jars, the JVM, PostgreSQL and collector connections. */
    private static final int SPARE_FILES = 512;

    /**
     * mosquitto.conf lines for the rig's listener: no connection cap, a queue per session large enough for a
     * collector's share of a whole fleet job, and keep-alives as agents send them.
     */
    static final List<String> BROKER_LINES =
            List.of("max_connections -1", "max_queued_messages 200000", "max_inflight_messages 100");

    private RigLimits() {}

    /** The soft "Max open files" of this process (the broker, started from it, inherits it). */
    static long openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("/proc/self/limits has no \"Max open files\" line");
    }

    static void checkOpenFiles(long limit, int connections) {
        if (limit < connections + SPARE_FILES) {
            throw new IllegalStateException("open files limit [" + limit + "] is below what " + connections
                    + " connections need (" + (connections + SPARE_FILES) + ": one socket each in this process and in"
                    + " mosquitto, plus " + SPARE_FILES + " spare); raise it (ulimit -n " + (connections * 2)
                    + ") or run fewer agents (--agents N)");
        }
    }
}

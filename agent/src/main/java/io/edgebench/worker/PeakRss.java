package io.edgebench.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The worker's peak resident set size, from /proc/self/status. */
final class PeakRss {
    private PeakRss() {}

    /** VmHWM in bytes, or null where /proc is absent. */
    static Long bytes() {
        return parse(Path.of("/proc/self/status"));
    }

    static Long parse(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    // /proc/<pid>/status: "VmHWM:     123456 kB", kibibytes despite the "kB"
                    String kib = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kib) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}

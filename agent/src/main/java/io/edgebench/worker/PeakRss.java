package io.edgebench.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The worker's resident set size, peak and current, from /proc/self/status. */
final class PeakRss {
    private PeakRss() {}

    /** VmHWM in bytes, or null where /proc is absent. */
    static Long bytes() {
        return parse(Path.of("/proc/self/status"));
    }

    /** VmRSS (resident now) in bytes, or null where /proc is absent. */
    static Long currentBytes() {
        return parse(Path.of("/proc/self/status"), "VmRSS:");
    }

    static Long parse(Path status) {
        return parse(status, "VmHWM:");
    }

    static Long parse(Path status, String key) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(key)) {
                    // /proc/<pid>/status: "VmHWM:     123456 kB", kibibytes despite the "kB"
                    String kib = line.substring(key.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kib) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}

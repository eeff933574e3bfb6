package io.edgebench.config;

import java.nio.file.Path;
import java.util.Objects;

/** The filesystem roots collectors read from; injectable so fixture trees can stand in for a board. */
public record SystemRoots(Path sys, Path proc, Path dev) {
    public SystemRoots {
        Objects.requireNonNull(sys, "sys");
        Objects.requireNonNull(proc, "proc");
        Objects.requireNonNull(dev, "dev");
    }

    public static SystemRoots host() {
        return new SystemRoots(Path.of("/sys"), Path.of("/proc"), Path.of("/dev"));
    }

    /** A fixture tree holding sys/, proc/ and dev/ side by side. */
    public static SystemRoots under(Path base) {
        return new SystemRoots(base.resolve("sys"), base.resolve("proc"), base.resolve("dev"));
    }
}

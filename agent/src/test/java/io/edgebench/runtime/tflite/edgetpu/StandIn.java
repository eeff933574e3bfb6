package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the test-only stand-in libedgetpu (agent/src/test/c/edgetpu_standin.c, built by Maven into
 * target/test-natives). Surefire points EDGETPU_STANDIN_CONFIG at {@link #config()}; the stand-in re-reads it on
 * every call, so each test writes the devices and version it needs.
 */
public final class StandIn {
    private StandIn() {}

    public static Path nativesDir() {
        String dir = System.getProperty("edgebench.test.natives", "target/test-natives");
        return Path.of(dir).toAbsolutePath();
    }

    /**
     * The stand-in for this JVM's machine: the cross-built one (e.g. linux-arm64/) when this JVM runs the other arch
     * (the arm64 suite runs tests under qemu), else the host build.
     */
    public static Path library() {
        String platform = NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        Path cross = nativesDir().resolve(platform + "/libedgetpu.so.1");
        Path lib = Files.isRegularFile(cross) ? cross : nativesDir().resolve("libedgetpu.so.1");
        assertTrue(Files.isRegularFile(lib), "stand-in not built: " + lib + " (run through Maven)");
        return lib;
    }

    public static Path config() {
        String env = System.getenv("EDGETPU_STANDIN_CONFIG");
        return env != null ? Path.of(env) : nativesDir().resolve("standin.conf");
    }

    public static Path recordFile() {
        return nativesDir().resolve("standin-record.log");
    }

    /** Writes the stand-in's settings and clears its record. {@code version} null = the stand-in's default. */
    public static void configure(String devices, String version) {
        List<String> lines = new ArrayList<>();
        lines.add("DEVICES=" + (devices == null ? "" : devices));
        lines.add("RECORD=" + recordFile());
        if (version != null) {
            lines.add("VERSION=" + version);
        }
        try {
            Files.createDirectories(config().getParent());
            Files.write(config(), lines);
            Files.deleteIfExists(recordFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the stand-in recorded since configure(): "create type=usb path=...", "option Performance=Max", ... */
    public static List<String> recorded() {
        try {
            return Files.exists(recordFile()) ? Files.readAllLines(recordFile()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EdgeTpuLibrary open() {
        return EdgeTpuLibrary.open(List.of(library().toString()));
    }
}

package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.edgebench.runtime.AcceleratorUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Without libedgetpu, asking for the Edge TPU fails in well under a second with an install hint. */
@Timeout(60)
class MissingLibraryTest {

    private static boolean systemHasLibedgetpu() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "ldconfig -p 2>/dev/null | grep -q libedgetpu.so.1").start();
        return p.waitFor() == 0
                || Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libedgetpu.so.1"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libedgetpu.so.1"))
                || Files.exists(Path.of("/usr/local/lib/libedgetpu.so.1"));
    }

    @Test
    void open_absentPaths_namesEveryPathTriedAndHowToInstall() {
        long start = System.nanoTime();
        AcceleratorUnavailableException e = assertThrows(
                AcceleratorUnavailableException.class,
                () -> EdgeTpuLibrary.open(List.of("/nonexistent/libedgetpu.so.1", "libedgetpu-absent.so.1")));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 1000, "took " + elapsedMs + " ms");
        assertTrue(
                e.getMessage()
                        .startsWith("libedgetpu.so.1 not found (tried: /nonexistent/libedgetpu.so.1 (no such"
                                + " file); libedgetpu-absent.so.1 via the system library path (dlopen failed: libedgetpu-absent.so.1:"
                                + " cannot open shared object file"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("Install the Edge TPU runtime: apt-get install libedgetpu1-std (Coral apt"
                                + " repo) or a community build matching TensorFlow Lite 2.21"),
                e.getMessage());
    }

    @Test
    void open_notAnElfFile_saysFoundButNotLoadable(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fake = Files.writeString(dir.resolve("libedgetpu.so.1"), "not a library");
        AcceleratorUnavailableException e = assertThrows(
                AcceleratorUnavailableException.class, () -> EdgeTpuLibrary.open(List.of(fake.toString())));
        assertTrue(e.getMessage().startsWith("libedgetpu.so.1 could not be loaded (tried: " + fake), e.getMessage());
    }

    @Test
    void freshJvm_withoutLibedgetpu_probeReportsUnavailableInMilliseconds() throws Exception {
        assumeFalse(systemHasLibedgetpu(), "a real libedgetpu is installed here");
        Subprocess.Result r = Subprocess.probe(System.getProperty("java.class.path"), List.of(), Map.of());
        assertEquals(0, r.exitCode(), r.output());
        // A fresh JVM: in this one the stand-in (soname libedgetpu.so.1) is already loaded, and dlopen() of the bare
        // name would return it.
        assertTrue(
                r.output()
                        .contains("edgetpu: unavailable: libedgetpu.so.1 not found (tried: libedgetpu.so.1 via"
                                + " the system library path (dlopen failed: libedgetpu.so.1: cannot open shared object file: No such"
                                + " file or directory); "),
                r.output());
        assertTrue(r.output().contains("/usr/local/lib/libedgetpu.so.1 (no such file))."), r.output());
        assertTrue(r.output().contains("apt-get install libedgetpu1-std"), r.output());
        Matcher m = Pattern.compile("probe_us=(\\d+)").matcher(r.output());
        assertTrue(m.find(), r.output());
        long probeUs = Long.parseLong(m.group(1));
        // includes loading the shim itself in the fresh JVM
        assertTrue(probeUs < 1_000_000, "probe took " + probeUs + " us");
        System.out.println(
                "edgetpu missing-library probe: " + probeUs + " us in-JVM, " + r.wallMs() + " ms wall incl. JVM start");
    }
}

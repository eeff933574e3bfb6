package io.edgebench.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loads ONNX Runtime in child JVMs: a long command line must give a clean error, never a SIGSEGV. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OnnxStartupTest {
    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome child(String padding) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The class path goes in CLASSPATH so that only the padding decides the command line's length.
        ProcessBuilder pb = new ProcessBuilder(java, "-Dedgebench.padding=" + padding, OnnxStartMain.class.getName());
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child JVM did not finish");
        return new Outcome(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void longCommandLine_refusedCleanly_shortOneLoads() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "needs Linux procfs");
        Outcome longLine = child("y".repeat(4200));
        assertEquals(65, longLine.exitCode(), longLine.err());
        assertTrue(longLine.err().startsWith("The JVM command line is ["), longLine.err());
        Outcome shortLine = child("y");
        assertEquals(0, shortLine.exitCode(), shortLine.err());
        assertTrue(shortLine.out().trim().matches("\\d+\\.\\d+\\.\\d+"), shortLine.out());
    }

    @Test
    void refuseLongCommandLine_missingProcfs_allows(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        OnnxRuntime.refuseLongCommandLine(dir.resolve("absent"));
        Path big = Files.write(dir.resolve("cmdline"), List.of("x".repeat(OnnxRuntime.MAX_SAFE_CMDLINE_BYTES)));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
                        io.edgebench.model.ModelLoadException.class, () -> OnnxRuntime.refuseLongCommandLine(big))
                .getMessage()
                .contains("@argfile"));
    }
}

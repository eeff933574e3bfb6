package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * native/check-jar.sh requires the shims this machine could build and no more: a host without the other arch's
 * cross compiler (an arm64 board, CROSS_CC pointing nowhere here) passes with a note; a host that has one fails a
 * jar that lacks its shim.
 */
@Timeout(120)
class CheckJarScriptTest {
    private static final Path SCRIPT = Path.of("..", "native", "check-jar.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    /** target/classes as a jar, without the other arch's shim: what an arm64 board's own build produces. */
    private Path hostOnlyJar(String otherPlatform) throws Exception {
        Path classes = Path.of(NativeLoader.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path jar = tmp.resolve("host-only.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
                Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String name = classes.relativize(p).toString();
                if (name.startsWith("native/" + otherPlatform + "/")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private record Result(int exit, String out) {}

    private Result check(Path jar, String crossCc) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        "sh",
                        SCRIPT.toString(),
                        jar.toString(),
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        StandIn.library().toString())
                .redirectErrorStream(true);
        if (crossCc != null) {
            pb.environment().put("CROSS_CC", crossCc);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void hostOnlyJar_passesWithANote_whereNoCrossCompilerExists() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/make")) && Files.isExecutable(Path.of("/usr/bin/unzip")),
                "make and unzip needed");
        String host = NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        String other = host.equals("linux-x86_64") ? "linux-arm64" : "linux-x86_64";
        Path jar = hostOnlyJar(other);
        Result r = check(jar, "/nonexistent/cross-gcc");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("this machine builds [" + host + "]"), r.out());
        assertTrue(r.out().contains("NOTE jar has no native/" + other + "/libedgebench_jni.so"), r.out());
        assertTrue(r.out().contains("jar runs on " + host + ": shim=" + host), r.out());
    }

    @Test
    void hostOnlyJar_fails_whereTheCrossCompilerExists() throws Exception {
        String host = NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        String other = host.equals("linux-x86_64") ? "linux-arm64" : "linux-x86_64";
        String cross = host.equals("linux-x86_64") ? "aarch64-linux-gnu-gcc" : "x86_64-linux-gnu-gcc";
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + cross)), cross + " not installed (.ci/run installs it)");
        Result r = check(hostOnlyJar(other), null);
        assertEquals(1, r.exit(), r.out());
        assertTrue(
                r.out()
                        .contains("FAIL: jar lacks native/" + other + "/libedgebench_jni.so although this machine"
                                + " built it"),
                r.out());
    }
}

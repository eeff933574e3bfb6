package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class NativeLoaderTest {

    @Test
    void platform_mapsJvmArchToJarDirectory() {
        assertEquals("linux-x86_64", NativeLoader.platform("Linux", "amd64"));
        assertEquals("linux-arm64", NativeLoader.platform("Linux", "aarch64"));
        assertNull(NativeLoader.platform("Linux", "arm"));
        assertNull(NativeLoader.platform("Mac OS X", "aarch64"));
    }

    @Test
    void ensureLoaded_inThisJvm_loadsTheHostBuild() {
        NativeLoader.ensureLoaded();
        assertEquals(
                NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch")),
                EdgeTpuNative.abi());
    }

    @Test
    void nativeDirWithoutShim_failsNamingEveryPathTried(@TempDir Path dir) throws Exception {
        Subprocess.Result r = Subprocess.probe(
                System.getProperty("java.class.path"),
                List.of("-D" + NativeLoader.NATIVE_DIR_PROPERTY + "=" + dir),
                Map.of());
        assertEquals(69, r.exitCode(), r.output());
        String platform = NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertTrue(
                r.output()
                        .contains("(tried: " + dir.resolve(platform).resolve("libedgebench_jni.so")
                                + " (no such file); " + dir.resolve("libedgebench_jni.so") + " (no such file))"),
                r.output());
    }

    @Test
    void fromJar_extractsPrivateCopyAndTalksToLibedgetpu(@TempDir Path dir) throws Exception {
        Path classes = Path.of(NativeLoader.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path jar = dir.resolve("edgetpu-only.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            addTree(out, classes, classes.resolve("io/edgebench/runtime"));
            // the vocabulary runtime builds on (ModelLoadException, delegate names) sits below it
            addTree(out, classes, classes.resolve("io/edgebench/model"));
            addTree(out, classes, classes.resolve("io/edgebench/results"));
            addTree(out, classes, classes.resolve("io/edgebench/wire"));
            addTree(out, classes, classes.resolve("native"));
        }
        Subprocess.Result r = Subprocess.probe(
                jar.toString(),
                List.of("-D" + EdgeTpuLibrary.PATH_PROPERTY + "=" + StandIn.library(), "-Djava.io.tmpdir=" + dir),
                Map.of("EDGETPU_STANDIN_DEVICES", "usb:/sys/bus/usb/devices/3-1"));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("from=" + dir.resolve("edgebench-native-")), r.output());
        assertTrue(r.output().contains("usb:0 /sys/bus/usb/devices/3-1"), r.output());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(jar), left.toList(), "extracted copy must be deleted on exit");
        }
    }

    private static void addTree(JarOutputStream out, Path root, Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}

package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Maven build put both shims where the jar picks them up, each for the right machine. */
@Timeout(60)
class NativeBuildTest {

    private static Path shim(String platform) throws Exception {
        URL url = NativeLoader.class.getResource("/native/" + platform + "/libedgebench_jni.so");
        assertNotNull(url, "no native/" + platform + "/libedgebench_jni.so on the class path");
        return Path.of(url.toURI());
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static boolean onPath(String tool) throws Exception {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    @Test
    void hostShim_isBuilt() throws Exception {
        String platform = NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        assumeTrue(onPath("readelf"), "readelf not installed");
        String machine = "linux-x86_64".equals(platform) ? "Advanced Micro Devices X86-64" : "AArch64";
        assertTrue(run("readelf", "-h", shim(platform).toString())
                .contains("Machine:                           " + machine));
    }

    @Test
    void arm64Shim_isAArch64() throws Exception {
        assumeTrue(
                onPath("aarch64-linux-gnu-gcc") || "aarch64".equals(System.getProperty("os.arch")),
                "no aarch64 cross compiler: the build skips the linux-arm64 shim");
        Path so = shim("linux-arm64");
        if (onPath("file")) {
            assertTrue(run("file", "-b", so.toString()).startsWith("ELF 64-bit LSB shared object, ARM aarch64"));
        }
        String header = run("readelf", "-h", so.toString());
        assertTrue(header.contains("Machine:                           AArch64"), header);
        assertTrue(header.contains("Type:                              DYN (Shared object file)"), header);
        String dynamic = run("readelf", "-d", so.toString());
        assertTrue(!dynamic.contains("libedgetpu"), "the shim must not link libedgetpu: " + dynamic);
    }

    @Test
    void arm64Shim_runsUnderQemu_againstArm64StandIn() throws Exception {
        Path harness = StandIn.nativesDir().resolve("linux-arm64/shim_harness");
        assumeTrue(
                onPath("qemu-aarch64")
                        && Files.isExecutable(harness)
                        && Files.isDirectory(Path.of("/usr/aarch64-linux-gnu")),
                "needs qemu-user and the aarch64 cross toolchain (the harness is built with it)");
        ProcessBuilder pb = new ProcessBuilder(
                        "qemu-aarch64",
                        "-L",
                        "/usr/aarch64-linux-gnu",
                        harness.toString(),
                        shim("linux-arm64").toString(),
                        StandIn.nativesDir()
                                .resolve("linux-arm64/libedgetpu.so.1")
                                .toString())
                .redirectErrorStream(true);
        pb.environment().put("EDGETPU_STANDIN_DEVICES", "usb:/sys/bus/usb/devices/1-1;pci:/dev/apex_0");
        pb.environment()
                .put(
                        "EDGETPU_STANDIN_RECORD",
                        StandIn.nativesDir().resolve("linux-arm64/record.log").toString());
        Files.deleteIfExists(StandIn.nativesDir().resolve("linux-arm64/record.log"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("abi=linux-arm64\nversion=BuildLabel(COMPILER=edgebench-standin"), out);
        assertTrue(
                out.contains(
                        "device=usb /sys/bus/usb/devices/1-1\ndevice=pci /dev/apex_0\ndelegate=created\nfreed=yes"),
                out);
        assertEquals(
                java.util.List.of(
                        "create type=usb path=(any)",
                        "option Performance=Low",
                        "option Usb.AlwaysDfu=True",
                        "created=yes",
                        "free path=/sys/bus/usb/devices/1-1"),
                Files.readAllLines(StandIn.nativesDir().resolve("linux-arm64/record.log")));
    }

    @Test
    void hostShim_hasNoLinkTimeDependencyOnLibedgetpu() throws Exception {
        assumeTrue(onPath("readelf"), "readelf not installed");
        String platform = NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        String dynamic = run("readelf", "-d", shim(platform).toString());
        assertTrue(dynamic.contains("libc.so.6"), dynamic);
        assertTrue(!dynamic.contains("libedgetpu"), dynamic);
    }
}

package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class ForgeCommandTest {

    @Test
    void defaults_writeTinyPairAndSidecar(@TempDir Path dir) {
        // CPU time, not wall time: the build machine is shared and its wall clock says more about the neighbours
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        assertEquals(ExitCode.OK, Main.run("forge", "--out", dir.toString()));
        double seconds = (mx.getCurrentThreadCpuTime() - start) / 1e9;
        assertTrue(Files.exists(dir.resolve("tiny_f32.tflite")));
        assertTrue(Files.exists(dir.resolve("tiny_f32.onnx")));
        assertTrue(Files.exists(dir.resolve("tiny_f32.json")));
        assertTrue(seconds < 2.0, "forge of the default pair took " + seconds + " s of CPU");
    }

    @Test
    void int8Mobilenet_namesFilesAfterSpec(@TempDir Path dir) {
        assertEquals(
                ExitCode.OK,
                Main.run(
                        "forge",
                        "--out",
                        dir.toString(),
                        "--arch",
                        "mobilenet-v1",
                        "--width-multiplier",
                        "0.25",
                        "--resolution",
                        "64",
                        "--classes",
                        "20",
                        "--quantize",
                        "int8"));
        assertTrue(Files.exists(dir.resolve("mobilenet_v1_0.25_64_c20_int8.tflite")));
    }

    @Test
    void unknownArch_isUsageErrorNamingChoices(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(ExitCode.USAGE, cl.execute("forge", "--out", dir.toString(), "--arch", "resnet"));
        assertTrue(
                err.toString().contains("arch [resnet] must be one of tiny, mobilenet-v1, mobilenet-v2"),
                err.toString());
    }
}

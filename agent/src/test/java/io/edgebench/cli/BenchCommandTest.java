package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void shapes_onnxNameWithColon_splitAtTheLastEquals() {
        assertEquals(
                Map.of("input:0", List.of(1L, 3L, 48L, 192L)),
                parsed("m.tflite", "--input-shape", "input:0=1x3x48x192")
                        .params()
                        .inputShapes());
    }

    @Test
    void shapes_badDim_rejectedWithExample() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> parsed("m.tflite", "--input-shape", "x=1x0x48").params());
        assertEquals(
                "--input-shape [x=1x0x48] must be an object mapping input names to arrays of 1..8 dims" + " 1..1000000",
                e.getMessage());
    }

    @Test
    void bench_invalidParams_exitUsage() {
        assertEquals(ExitCode.USAGE, Main.run("bench", "--threads", "0", "m.tflite"));
        assertEquals(ExitCode.USAGE, Main.run("bench", "--runtime", "pytorch", "m.tflite"));
        assertEquals(ExitCode.USAGE, Main.run("bench", "--input-shape", "nonsense", "m.tflite"));
    }

    @Test
    void bench_missingModel_exitDataErr() {
        assertEquals(
                ExitCode.DATA_ERR,
                Main.run("bench", "--quiet", dir.resolve("missing.tflite").toString()));
    }

    @Test
    void worker_isHiddenFromHelp() {
        java.io.StringWriter out = new java.io.StringWriter();
        var cl = Main.commandLine();
        java.io.PrintWriter writer = new java.io.PrintWriter(out);
        cl.setOut(writer);
        cl.execute("--help");
        writer.flush();
        assertTrue(out.toString().contains("bench") && !out.toString().contains("\n  worker"), out.toString());
    }

    private static BenchCommand parsed(String... args) {
        var cl = new picocli.CommandLine(new BenchCommand());
        cl.parseArgs(args);
        return cl.getCommand();
    }

    @Test
    void edgetpuFlags_mapIntoBenchParams() {
        var p = parsed(
                        "m.tflite",
                        "--delegate",
                        "edgetpu",
                        "--edgetpu-device",
                        "PCI:1",
                        "--edgetpu-performance",
                        "High",
                        "--require-full-delegation")
                .params();
        assertEquals(io.edgebench.results.Delegate.EDGETPU, p.delegate());
        assertEquals("pci:1", p.edgeTpu().device());
        assertEquals("high", p.edgeTpu().performance());
        assertTrue(p.requireFullDelegation());
        var d = parsed("m.tflite", "--delegate", "edgetpu").params();
        assertEquals(null, d.edgeTpu().device());
        assertEquals("max", d.edgeTpu().performance());
        assertEquals(false, d.requireFullDelegation());
    }

    @Test
    void edgetpuFlags_badValues_nameTheValueAndTheAcceptedOnes() {
        IllegalArgumentException perf = assertThrows(
                IllegalArgumentException.class,
                () -> parsed("m.tflite", "--delegate", "edgetpu", "--edgetpu-performance", "turbo")
                        .params());
        assertEquals("--edgetpu-performance [turbo] must be one of max, high, medium, low", perf.getMessage());
        IllegalArgumentException dev = assertThrows(
                IllegalArgumentException.class,
                () -> parsed("m.tflite", "--delegate", "edgetpu", "--edgetpu-device", "usb0")
                        .params());
        assertEquals(
                "--edgetpu-device [usb0] must be usb, pci, usb:N, pci:N or :N (N-th device, counting from 0)"
                        + " or auto, e.g. usb:0",
                dev.getMessage());
        IllegalArgumentException notEdgeTpu = assertThrows(
                IllegalArgumentException.class,
                () -> parsed("m.tflite", "--edgetpu-performance", "low").params());
        assertEquals(
                "--edgetpu-performance [low] applies to the Edge TPU only; add --delegate edgetpu (compare: a"
                        + " tflite:edgetpu item in --delegates)",
                notEdgeTpu.getMessage());
        assertEquals(
                ExitCode.USAGE, Main.run("bench", "--delegate", "edgetpu", "--edgetpu-device", "tpu:0", "m.tflite"));
    }
}

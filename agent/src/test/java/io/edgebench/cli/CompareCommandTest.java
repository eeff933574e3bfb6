package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End to end: forged pairs through real worker processes and both runtimes. */
@Timeout(600)
class CompareCommandTest {

    @Test
    void forgedFloatPair_agreesOn100SeededInputs(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Path json = dir.resolve("compare.json");
        StringWriter out = new StringWriter();
        int code = run(
                out,
                "compare",
                f32.tflite().toString(),
                f32.onnx().toString(),
                "--delegates",
                "tflite:xnnpack,onnx:cpu",
                "--threads",
                "1",
                "--runs",
                "3",
                "--min-seconds",
                "0",
                "--agreement-inputs",
                "100",
                "--quiet",
                "--json",
                json.toString());
        assertEquals(ExitCode.OK, code, out.toString());
        JsonNode report = Json.mapper().readTree(json.toFile());
        assertEquals(2, report.get("results").size());
        JsonNode pair = report.get("agreement").get(0);
        assertEquals(100, pair.get("inputs").asInt());
        assertTrue(pair.get("max_abs_error").asDouble() <= 1e-4, pair.toString());
        assertEquals(1.0, pair.get("top1_agreement").asDouble());
        assertTrue(pair.get("cosine_min").asDouble() > 0.99999, pair.toString());
        // each lane as its runtime runs it, and the result says how
        JsonNode tflite = report.get("results").get(0).get("conditions").get("runtime_settings");
        JsonNode onnx = report.get("results").get(1).get("conditions").get("runtime_settings");
        assertEquals("brief", tflite.get("spinning").asText(), tflite.toString());
        assertEquals("on", onnx.get("spinning").asText(), onnx.toString());
        assertEquals(1, onnx.get("inter_op_threads").asInt(), onnx.toString());
        assertTrue(onnx.get("runtime_default").asBoolean(), onnx.toString());
    }

    @Test
    void int8VsFloat_isHeldToOneInt8Step_notTheFloatTolerance(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Forge.Result int8 = Forge.forge(ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8), dir);
        StringWriter out = new StringWriter();
        int code = run(
                out,
                "compare",
                f32.tflite().toString(),
                int8.tflite().toString(),
                "--delegates",
                "tflite:cpu",
                "--threads",
                "1",
                "--runs",
                "3",
                "--min-seconds",
                "0",
                "--agreement-inputs",
                "10");
        // the int8 twin's output is dequantized codes (step 1/256): held to one step on average, not to 1e-4
        assertEquals(ExitCode.OK, code, out.toString());
        String table = out.toString();
        assertTrue(table.contains("[1] tiny_f32.tflite tflite:cpu"), table);
        assertTrue(table.contains("[2] tiny_int8.tflite tflite:cpu"), table);
        assertTrue(table.contains("p50 ms"), table);
        assertTrue(
                table.contains("(tolerance per output: quantized mean abs <= 1 step, float max abs <= max(0.000100,"
                        + " 1e-05 of its range); top-1 >= 100%)"),
                table);
    }

    @Test
    void modelWithoutMatchingDelegate_isUsageError(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(ExitCode.USAGE, cl.execute("compare", f32.onnx().toString(), "--delegates", "tflite:cpu"));
        assertTrue(err.toString().contains("is onnx but --delegates lists no onnx:... choice"), err.toString());
    }

    @Test
    void edgetpuFlags_withoutAnEdgetpuLane_isUsageErrorNamingTheFlag(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(
                ExitCode.USAGE,
                cl.execute(
                        "compare", f32.tflite().toString(), "--delegates", "tflite:cpu", "--edgetpu-device", "usb:0"));
        assertTrue(err.toString().contains("--edgetpu-device [usb:0] applies to the Edge TPU only"), err.toString());
        assertEquals(
                ExitCode.USAGE,
                cl.execute(
                        "compare", f32.tflite().toString(), "--delegates", "tflite:cpu", "--require-full-delegation"));
        assertTrue(
                err.toString().contains("--require-full-delegation applies to tflite:edgetpu lanes only"),
                err.toString());
        assertEquals(ExitCode.USAGE, cl.execute("compare", f32.tflite().toString(), "--delegates", "onnx:edgetpu"));
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }
}

package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.model.forge.OnnxOutput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end, real workers and both runtimes: a forged int8 pair whose ONNX graph ends in int8 codes (QDQ, no
 * DequantizeLinear) is dequantized with the scale of its last QuantizeLinear and agrees with its TFLite twin to
 * within one int8 step on average; before, its raw codes (-128..127) were compared with TFLite's real values.
 */
@Timeout(600)
class CompareInt8OutputsTest {
    private static final double STEP = 1 / 256.0; // the int8 softmax output's scale, in both files

    @Test
    void int8PairEndingInInt8_agreesWithinOneStepAfterDequantization(@TempDir Path dir) throws Exception {
        Forge.Result r = Forge.forge(ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8), dir, OnnxOutput.INT8);
        Path json = dir.resolve("compare.json");
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(
                "compare",
                r.tflite().toString(),
                r.onnx().toString(),
                "--delegates",
                "tflite:cpu,onnx:cpu",
                "--threads",
                "1",
                "--runs",
                "3",
                "--min-seconds",
                "0",
                "--max-seconds",
                "1",
                "--agreement-inputs",
                "50",
                "--quiet",
                "--json",
                json.toString());
        assertEquals(ExitCode.OK, code, out.toString());
        JsonNode o = Json.mapper()
                .readTree(json.toFile())
                .get("agreement")
                .get(0)
                .get("outputs")
                .get(0);
        assertFalse(o.get("flagged").asBoolean(), o.toString());
        assertEquals(
                "mean abs <= 1 int8 step (0.00391)", o.get("tolerance_basis").asText());
        assertTrue(o.get("mean_abs_error").asDouble() <= STEP, o.toString());
        // every value is a whole number of steps apart: both sides really were dequantized with scale 1/256
        double steps = o.get("max_abs_error").asDouble() / STEP;
        assertEquals(Math.rint(steps), steps, 1e-3, o.toString());
        assertTrue(steps < 20, "raw codes against real values would differ by ~128 steps: " + o);
        assertEquals(1.0, o.get("top1").asDouble(), 0.1, o.toString());
    }
}

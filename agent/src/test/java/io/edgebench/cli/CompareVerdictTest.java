package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.VerdictOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * compare end to end through real lane workers: the default worker processes per lane, interleaved rounds, one verdict
 * line per pair with its interval over the processes (same numbers in the JSON), the lines naming the axes not
 * measured, sweeps with the fastest lane and the Pareto front.
 */
@Tag("slow")
@Timeout(600)
class CompareVerdictTest {
    @TempDir
    static Path dir;

    static Forge.Result tiny;

    @BeforeAll
    static void forge() throws Exception {
        tiny = Forge.forge(ForgeSpec.tiny(), dir);
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void sameModelAndDelegateTwice_oneOfThreeOutcomesOverThreeProcesses() throws Exception {
        Path json = dir.resolve("aa.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(
                out,
                err,
                "compare",
                tiny.tflite().toString(),
                tiny.tflite().toString(),
                "--delegates",
                "tflite:xnnpack",
                "--threads",
                "1",
                "--min-seconds",
                "1.2",
                "--agreement-inputs",
                "5",
                "--json",
                json.toString());
        assertEquals(ExitCode.OK, code, out + "\n" + err);
        String table = out.toString();
        // an A/A compare on a shared machine may end either way (a busy one adds a caution); what it must never do is
        // claim without an interval
        assertTrue(
                table.lines()
                        .anyMatch(l -> l.matches("\\[1] vs \\[2]: (tflite:xnnpack #1 and tflite:xnnpack #2 are"
                                + " equivalent within \\+-3 % at p50 \\(90 % CI .*, TOST\\)( \\(caution: .*\\))?|tflite:xnnpack #1 vs tflite:xnnpack #2 at p50:"
                                + " inconclusive: 95 % CI .*|tflite:xnnpack #\\d is \\d\\.\\d\\dx faster than tflite:xnnpack #\\d at p50"
                                + " \\(95 % CI .*)")),
                table);
        JsonNode report = Json.mapper().readTree(json.toFile());
        JsonNode v = report.get("verdicts").get(0);
        JsonNode speedup = v.get("speedup");
        int forks = VerdictOptions.DEFAULT_FORKS;
        assertTrue(
                speedup.get("method")
                        .asText()
                        .startsWith("Student t over " + forks + " worker processes (" + (forks - 1) + " df)"),
                v.toString());
        assertEquals(forks, speedup.get("processes").asInt(), v.toString());
        assertTrue(
                List.of("different", "equivalent", "inconclusive")
                        .contains(speedup.get("outcome").asText()),
                v.toString());
        assertTrue(
                speedup.get("low").asDouble() <= speedup.get("ratio").asDouble()
                        && speedup.get("ratio").asDouble()
                                <= speedup.get("high").asDouble(),
                v.toString());
        JsonNode rounds = report.get("rounds");
        assertEquals(forks, rounds.get("processes").asInt(), rounds.toString());
        assertTrue(rounds.get("count").asInt() >= 3, rounds.toString());
        assertEquals(rounds.get("count").asInt(), rounds.get("orders").size());
        // the default worker processes per lane, one after another: each lane became ready that many times
        assertEquals(
                2L * forks,
                err.toString().lines().filter(l -> l.startsWith("ready ")).count(),
                err.toString());
        JsonNode lat = report.get("results").get(0).get("latency_us");
        assertTrue(lat.get("p50_ci").get("low").asDouble() <= lat.get("p50").asDouble(), lat.toString());
        // the lane's interval pools its processes' runs: it holds within them, and says so
        assertTrue(
                lat.get("p50_ci")
                        .get("method")
                        .asText()
                        .contains("; within these " + forks + " worker processes: their runs"
                                + " pooled, variation between processes not included"),
                lat.toString());
        assertTrue(table.contains("within these " + forks + " worker processes"), table);
        assertTrue(rounds.get("wall_ratio").asDouble() >= 1, rounds.toString());
        // this machine's sensors decide: energy is answered (a board with a power source) or says why not;
        // temperature is not measured by interleaved rounds and always says why
        JsonNode missing = report.get("not_measured");
        boolean energyAnswered = report.at("/verdicts/0/energy_ratio").isObject();
        assertEquals(energyAnswered ? 1 : 2, missing.size(), missing.toString());
        if (!energyAnswered) {
            assertTrue(missing.get(0).asText().startsWith("energy per inference: not measured: "), missing.toString());
        }
        JsonNode temperature = missing.get(missing.size() - 1);
        assertTrue(temperature.asText().startsWith("temperature: not measured: "), missing.toString());
        for (JsonNode line : missing) {
            assertTrue(table.contains(line.asText()), table);
        }
    }

    @Test
    void builtinCpuVsXnnpack_namesTheFasterWithCiExcludingOne() throws Exception {
        Path json = dir.resolve("cpu-xnnpack.json");
        StringWriter out = new StringWriter();
        int code = run(
                out,
                new StringWriter(),
                "compare",
                tiny.tflite().toString(),
                "--delegates",
                "tflite:cpu,tflite:xnnpack",
                "--threads",
                "1",
                "--agreement-inputs",
                "5",
                "--json",
                json.toString());
        assertEquals(ExitCode.OK, code, out.toString());
        JsonNode v = Json.mapper().readTree(json.toFile()).get("verdicts").get(0);
        JsonNode s = v.get("speedup");
        // speedup = p50 of lane [2] (xnnpack) / p50 of lane [1] (cpu): above 1, cpu is faster
        boolean cpuFaster = s.get("low").asDouble() > 1;
        boolean xnnpackFaster = s.get("high").asDouble() < 1;
        assertTrue(cpuFaster || xnnpackFaster, "interval must exclude 1: " + v);
        String winner = cpuFaster ? "tflite:cpu" : "tflite:xnnpack";
        assertTrue(v.get("text").asText().startsWith(winner + " is "), v.toString());
        assertTrue(v.get("text").asText().contains("x faster than"), v.toString());
        assertTrue(out.toString().contains(v.get("text").asText()), out.toString());
    }

    @Test
    void threadsSweep_printsSweepFastestAndParetoFront() throws Exception {
        StringWriter out = new StringWriter();
        int code = run(
                out,
                new StringWriter(),
                "compare",
                tiny.tflite().toString(),
                tiny.onnx().toString(),
                "--delegates",
                "tflite:xnnpack,onnx:cpu",
                "--threads",
                "1,2",
                "--runs",
                "20",
                "--min-seconds",
                "0",
                "--agreement-inputs",
                "3");
        assertEquals(ExitCode.OK, code, out.toString());
        String table = out.toString();
        assertTrue(table.contains("[4] tiny_f32.onnx onnx:cpu threads=2"), table);
        assertTrue(table.contains("Sweep over 4 lanes:"), table);
        assertTrue(table.contains("  fastest: tiny_f32."), table);
        assertTrue(table.contains("  Pareto front (p50 latency x peak RSS): "), table);
        assertEquals(
                6,
                table.lines().filter(l -> l.matches("\\[\\d] vs \\[\\d]: .*")).count(),
                table);
    }

    @Test
    void laneThatCannotLoad_failsAlone_othersStillMeasured() throws Exception {
        Path json = dir.resolve("edgetpu.json");
        StringWriter out = new StringWriter();
        // no Edge TPU (nor libedgetpu) on a build machine: that lane's worker answers an error instead of ready
        int code = run(
                out,
                new StringWriter(),
                "compare",
                tiny.tflite().toString(),
                "--delegates",
                "tflite:xnnpack,tflite:edgetpu",
                "--threads",
                "1",
                "--runs",
                "10",
                "--min-seconds",
                "0",
                "--agreement-inputs",
                "2",
                "--json",
                json.toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(code != ExitCode.OK, "an Edge TPU is attached: nothing fails");
        JsonNode results = Json.mapper().readTree(json.toFile()).get("results");
        assertEquals("ok", results.get(0).get("status").asText(), results.toString());
        assertTrue(results.get(0).get("runs").asLong() >= 10, results.get(0).toString());
        assertEquals("failed", results.get(1).get("status").asText());
        assertEquals(
                "unavailable",
                results.get(1).get("error_kind").asText(),
                results.get(1).toString());
        assertEquals(0, Json.mapper().readTree(json.toFile()).get("verdicts").size());
    }

    @Test
    void rateInCompare_isUsageError() {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "compare", tiny.tflite().toString(), "--rate", "100");
        assertEquals(ExitCode.USAGE, code);
        // rate_hz is a bench field: compare's schema has no such flag
        assertTrue(err.toString().contains("Unknown option: '--rate'"), err.toString());
    }
}

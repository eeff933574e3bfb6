package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.VerdictOptions;
import io.edgebench.testkit.FixtureBoard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An interleaved compare on a fixture board with a power source: a hwmon power1_input (an INA226 as the kernel's
 * ina2xx driver shows it) that a test thread rewrites every 5 ms from this machine's real CPU load in /proc/stat, so
 * the board's power follows what the lanes' workers do. `edgebench compare` with the fixture's profile (--profile,
 * --profiles-dir) and sysfs (--sysfs-root), real worker processes, three per lane: it samples the fixture during its
 * rounds and answers energy per inference with an interval beside the latency verdict.
 */
@Tag("slow")
@Timeout(600)
class CompareEnergyTest {

    @Test
    void interleavedCompare_onBoardWithPowerSource_answersEnergyWithAnInterval(@TempDir Path dir) throws Exception {
        Path model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
        Path jsonFile = dir.resolve("energy.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (FixtureBoard board = FixtureBoard.start(dir, false)) {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            List<String> args = new ArrayList<>(List.of(
                    "compare",
                    model.toString(),
                    "--delegates",
                    "tflite:cpu,tflite:xnnpack",
                    "--threads",
                    "1",
                    "--min-seconds",
                    "1.2",
                    "--agreement-inputs",
                    "3",
                    "--json",
                    jsonFile.toString()));
            args.addAll(board.options());
            code = cl.execute(args.toArray(String[]::new));
        }
        assertEquals(ExitCode.OK, code, out + "\n" + err);
        String table = out.toString();
        System.out.println(table);
        JsonNode json = Json.mapper().readTree(jsonFile.toFile());
        JsonNode v = json.get("verdicts").get(0);
        JsonNode energy = v.get("energy_ratio");
        assertTrue(energy != null && energy.isObject(), v.toString());
        assertTrue(
                energy.get("low").asDouble() <= energy.get("ratio").asDouble()
                        && energy.get("ratio").asDouble() <= energy.get("high").asDouble(),
                energy.toString());
        assertTrue(
                List.of("different", "equivalent", "inconclusive")
                        .contains(energy.get("outcome").asText()),
                energy.toString());
        assertEquals(VerdictOptions.DEFAULT_FORKS, energy.get("processes").asInt(), energy.toString());
        assertTrue(
                energy.get("method").asText().contains("gross board energy per inference (hwmon, idle included)"),
                energy.toString());
        // the printed line carries the interval: "... (95 % CI a-b)", "(90 % CI a-b, TOST)" or "inconclusive: 95 % CI"
        String line = "[1] vs [2]: " + v.get("energy_text").asText();
        assertTrue(table.contains(line), table);
        assertTrue(
                line.matches(".*in gross board energy per inference \\(hwmon, idle included\\).*"
                        + "\\d\\d % CI \\d+\\.\\d\\d-\\d+\\.\\d\\d.*"),
                line);
        // energy is answered: its "not measured" line is gone; temperature's stays with its reason
        JsonNode missing = json.get("not_measured");
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(
                missing.get(0).asText().startsWith("temperature: not measured: this board has no"), missing.toString());
        assertTrue(table.contains(missing.get(0).asText()), table);
    }
}

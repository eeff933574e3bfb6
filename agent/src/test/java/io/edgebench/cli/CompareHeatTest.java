package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
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
 * The three verdicts of one `edgebench compare`: a fixture board with a hwmon power1_input and a thermal zone, both
 * driven by a test thread from this machine's real CPU load in /proc/stat (power at once; temperature as a
 * first-order thermal model, approaching ambient + k * load with a time constant of 1.5 s, in 0.1 °C steps), real
 * worker processes, short heat blocks. Latency, energy and temperature each get a line with an interval, and the heat
 * blocks run without being asked for: 3 ABBA quads by default.
 */
@Tag("slow")
@Timeout(600)
class CompareHeatTest {

    @Test
    void interleavedCompare_onBoardWithPowerAndTemperature_printsThreeVerdictsWithIntervals(@TempDir Path dir)
            throws Exception {
        Path model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
        Path jsonFile = dir.resolve("heat.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (FixtureBoard board = FixtureBoard.start(dir, true)) {
            code = compare(model, board, jsonFile, out, err);
        }
        assertEquals(ExitCode.OK, code, out + "\n" + err);
        String table = out.toString();
        System.out.println(table);
        JsonNode json = Json.mapper().readTree(jsonFile.toFile());
        JsonNode v = json.get("verdicts").get(0);
        // three lines, each with its interval
        assertTrue(table.contains("[1] vs [2]: " + v.get("text").asText()), table);
        assertTrue(v.get("text").asText().matches(".*\\d\\d % CI .*"), v.toString());
        String heatLine = "[1] vs [2]: " + v.get("temperature_text").asText();
        assertTrue(table.contains(heatLine), table);
        assertTrue(
                heatLine.matches(
                        ".*temperature: .*(95|90) % CI -?\\d+\\.\\d to -?\\d+\\.\\d °C; 3 ABBA quads, thermal.*"),
                heatLine);
        JsonNode t = v.get("temperature");
        assertTrue(
                t.get("low_c").asDouble() <= t.get("difference_c").asDouble()
                        && t.get("difference_c").asDouble() <= t.get("high_c").asDouble(),
                t.toString());
        assertTrue(
                java.util.List.of("different", "equivalent", "inconclusive")
                        .contains(t.get("outcome").asText()),
                t.toString());
        assertTrue(
                t.get("method").asText().startsWith("rise over idle, 3 ABBA quads of 2 s blocks, thermal"),
                t.toString());
        assertEquals("thermal", t.get("sensor").asText(), t.toString());
        // the blocks in ABBA order, three times (the default)
        JsonNode blocks = json.get("heat").get("blocks");
        assertEquals(12, blocks.size(), blocks.toString());
        int[] lanes = {0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0};
        for (int k = 0; k < 12; k++) {
            assertEquals(lanes[k], blocks.get(k).get("lane").asInt(), blocks.toString());
            assertEquals(k, blocks.get(k).get("order").asInt(), blocks.toString());
        }
        // energy, from the same rounds: its verdict with an interval, and no axis left unmeasured
        JsonNode missing = json.get("not_measured");
        assertTrue(v.get("energy_text") != null && !v.get("energy_text").isNull(), v.toString());
        assertTrue(table.contains("[1] vs [2]: " + v.get("energy_text").asText()), table);
        assertTrue(v.get("energy_text").asText().matches(".*\\d\\d % CI .*"), v.toString());
        assertTrue(missing == null || missing.isEmpty(), json.toString());
    }

    private static int compare(Path model, FixtureBoard board, Path jsonFile, StringWriter out, StringWriter err) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of(
                "compare",
                model.toString(),
                "--delegates",
                "tflite:xnnpack,tflite:cpu",
                "--threads",
                "1",
                "--min-seconds",
                "1.2",
                "--agreement-inputs",
                "3",
                "--heat-block-s",
                "2",
                "--json",
                jsonFile.toString()));
        args.addAll(board.options());
        return cl.execute(args.toArray(String[]::new));
    }
}

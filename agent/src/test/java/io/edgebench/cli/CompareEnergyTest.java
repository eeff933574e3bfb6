package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.testkit.CpuLoad;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final double IDLE_W = 2.0;
    private static final double FULL_LOAD_W = 6.0;

    @Test
    void interleavedCompare_onBoardWithPowerSource_answersEnergyWithAnInterval(@TempDir Path dir) throws Exception {
        Path model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
        Path hwmon = Files.createDirectories(dir.resolve("board/sys/class/hwmon/hwmon0"));
        Files.writeString(hwmon.resolve("name"), "ina226\n");
        Path powerFile = hwmon.resolve("power1_input");
        Files.writeString(powerFile, Math.round(IDLE_W * 1e6) + "\n");
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(
                profiles.resolve("fixture-board.yaml"), "name: fixture-board\nsensors: [hwmon]\npower_source: hwmon\n");
        AtomicBoolean stop = new AtomicBoolean();
        Thread board = new Thread(() -> followCpuLoad(powerFile, stop), "fixture-board-power");
        board.setDaemon(true);
        board.start();
        Path jsonFile = dir.resolve("energy.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            code = cl.execute(
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
                    "--profile",
                    "fixture-board",
                    "--profiles-dir",
                    profiles.toString(),
                    "--sysfs-root",
                    dir.resolve("board/sys").toString(),
                    "--json",
                    jsonFile.toString());
        } finally {
            stop.set(true);
            board.join();
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
        assertEquals(3, energy.get("processes").asInt(), energy.toString());
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

    /** Board power from the machine's CPU load over the last ~50 ms, written in place (the collector keeps it open). */
    private static void followCpuLoad(Path file, AtomicBoolean stop) {
        CpuLoad load = new CpuLoad();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (!stop.get()) {
                CpuLoad.write(ch, (IDLE_W + (FULL_LOAD_W - IDLE_W) * load.busy()) * 1e6); // hwmon: microwatts
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("fixture board power writer failed", e);
        }
    }
}

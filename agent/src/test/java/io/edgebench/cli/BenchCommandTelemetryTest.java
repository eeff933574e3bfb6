package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgebench bench} on this machine: the table carries the telemetry section, absent sources included. */
@Timeout(180)
class BenchCommandTelemetryTest {
    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void forge() throws Exception {
        model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
    }

    @Test
    void bench_tableHasTheTelemetrySection_sayingWhatIsAbsent() {
        String out = run(ExitCode.OK, "--sample-hz", "100", "--profile", "generic-linux");

        int latency = out.indexOf("latency (ms)");
        int telemetry = out.indexOf("telemetry: ");
        assertTrue(latency >= 0 && telemetry > latency, out);
        assertTrue(out.contains("samples at 100 Hz from "), out);
        if (!Files.exists(Path.of("/sys/class/thermal/thermal_zone0"))) {
            assertTrue(out.contains("  absent: thermal: "), out);
        }
        if (!out.contains("power_w")) {
            assertTrue(out.contains("energy is not reported"), out);
        }
    }

    @Test
    void bench_noTelemetry_saysOff() {
        String out = run(ExitCode.OK, "--no-telemetry");
        assertTrue(out.contains("telemetry: off"), out);
        assertFalse(out.contains("samples at"), out);
    }

    @Test
    void bench_unknownProfile_exitConfig() {
        assertEquals(ExitCode.CONFIG, Main.run("bench", "--quiet", "--profile", "no-such-board", model.toString()));
    }

    @Test
    void bench_cooldownTargetOutOfBounds_exitUsage() {
        assertEquals(ExitCode.USAGE, Main.run("bench", "--cooldown-to-c", "5", model.toString()));
        assertEquals(
                ExitCode.USAGE,
                Main.run("bench", "--cooldown-to-c", "50", "--cooldown-max-seconds", "-1", model.toString()));
    }

    private static String run(int expectedExit, String... flags) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] base = {
            "bench",
            "--threads",
            "1",
            "--warmup-runs",
            "1",
            "--warmup-seconds",
            "0",
            "--runs",
            "5",
            "--min-seconds",
            "0.2"
        };
        String[] argv = new String[base.length + flags.length + 1];
        System.arraycopy(base, 0, argv, 0, base.length);
        System.arraycopy(flags, 0, argv, base.length, flags.length);
        argv[argv.length - 1] = model.toString();
        int code = cl.execute(argv);
        assertEquals(expectedExit, code, out + "\n" + err);
        return out.toString();
    }
}

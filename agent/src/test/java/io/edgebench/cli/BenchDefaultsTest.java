package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.BenchParams;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `--help` shows the defaults BenchParams holds, and the parsed options start from them. */
class BenchDefaultsTest {
    private static String help(String verb) {
        return Main.commandLine().getSubcommands().get(verb).getUsageMessage().replaceAll("\\s+", " ");
    }

    @Test
    void benchHelp_showsBenchParamsDefaults() {
        BenchParams d = BenchParams.defaults(Path.of("m.tflite"));
        String h = help("bench");
        assertTrue(h.contains("Timed runs, at least. Default: " + d.runs() + "."), h);
        assertTrue(h.contains("whatever the count. Default: " + (long) d.maxSeconds() + "."), h);
        assertTrue(h.contains("Warm up at least this long. Default: " + d.warmupSeconds() + "."), h);
        assertTrue(h.contains("all cores up to 4 (here " + d.threads() + ")"), h);
    }

    @Test
    void compareHelp_showsTheSameDefaults() {
        String h = help("compare");
        assertTrue(h.contains("Timed runs per lane, at least. Default: 50."), h);
    }

    @Test
    void parsedBenchOptions_equalBenchParamsDefaults() {
        BenchCommand c = new BenchCommand();
        new CommandLine(c).parseArgs("m.tflite");
        BenchParams d = BenchParams.defaults(Path.of("m.tflite"));
        assertEquals(d.withRuntime(null, null), c.withCooldown(c.params()));
    }
}

package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every verb and sub-verb answers {@code VERB --help}, {@code VERB -h} and {@code help VERB} with its usage on stdout,
 * exit 0 and nothing on stderr (no "Missing required parameter", no picocli format warnings from a bare '%').
 * DocumentedCommandsAcceptanceTest types some of these through the launcher as well.
 */
class HelpTest {
    @Test
    void everyVerb_helpInEverySpelling_printsUsage_exit0_nothingOnStderr() {
        List<List<String>> verbs = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), verbs);
        assertTrue(verbs.size() >= 15, "verbs found: " + verbs);
        for (List<String> verb : verbs) {
            String name = String.join(" ", verb);
            for (String[] args : spellings(verb)) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
                PrintStream saved = System.err;
                int code;
                System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
                try {
                    CommandLine cl = Main.commandLine();
                    cl.setOut(new PrintWriter(out, true));
                    cl.setErr(new PrintWriter(err, true));
                    code = cl.execute(args);
                } finally {
                    System.setErr(saved);
                }
                String call = String.join(" ", args);
                assertEquals(0, code, call + "\n" + err);
                assertTrue(out.toString().contains("Usage: edgebench " + name), call + " printed:\n" + out);
                assertEquals("", err.toString(), call);
                assertFalse(
                        picocliWarnings.toString(StandardCharsets.UTF_8).contains("WARN"),
                        call + ": " + picocliWarnings.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static List<String[]> spellings(List<String> verb) {
        List<String[]> all = new ArrayList<>();
        for (String flag : List.of("--help", "-h")) {
            List<String> a = new ArrayList<>(verb);
            a.add(flag);
            all.add(a.toArray(String[]::new));
        }
        if (verb.size() == 1) {
            all.add(new String[] {"help", verb.get(0)});
        }
        return all;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand() instanceof CommandLine.HelpCommand
                    || !sub.getCommandName().equals(name)) {
                return; // help itself; aliases are walked under their own name
            }
            List<String> p = new ArrayList<>(path);
            p.add(name);
            out.add(p);
            collect(sub, p, out);
        });
    }
}

package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** End to end: forge, the bundled C baseline built by native/Makefile, real workers, the ratios and a verdict. */
@Tag("slow")
class CalibrateCommandTest {
    private static final Pattern ROW = Pattern.compile(
            "^(tflite/cpu|tflite/xnnpack|onnx/cpu)\\s+1\\s+([0-9.]+) us\\s+([0-9.]+) us\\s+([0-9.]+)\\s+1\\.01\\s+(ok|OVER)$",
            Pattern.MULTILINE);

    @Test
    @Timeout(300)
    void calibrate_oneThread_printsEveryRatioAndAVerdict() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute("calibrate", "--threads", "1", "--rounds", "1", "--runs", "20");
        String text = out.toString();

        assertTrue(code == ExitCode.OK || code == ExitCode.FAILED, "exit " + code + ":\n" + text);
        Matcher m = ROW.matcher(text);
        List<String> seen = new java.util.ArrayList<>();
        while (m.find()) {
            seen.add(m.group(1));
            double ours = Double.parseDouble(m.group(2));
            double theirs = Double.parseDouble(m.group(3));
            double ratio = Double.parseDouble(m.group(4));
            assertTrue(ours > 0 && theirs > 0, text);
            assertEquals(ours / theirs, ratio, 0.01 * ratio, "one round: the ratio is that round's p50s\n" + text);
            assertEquals(ratio <= 1.01 ? "ok" : "OVER", m.group(5), text);
        }
        assertEquals(List.of("tflite/cpu", "tflite/xnnpack", "onnx/cpu"), seen, text);
        assertTrue(text.contains(code == ExitCode.OK ? "verdict: OK" : "verdict: OVER BUDGET"), text);
    }

    @Test
    void calibrate_badThreads_isUsageError() {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(ExitCode.USAGE, cl.execute("calibrate", "--threads", "0"));
    }
}

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
            "^(tflite/cpu|tflite/xnnpack|onnx/cpu)\\s+1\\s+([0-9.]+) us\\s+([0-9.]+) us\\s+([0-9.]+)\\s+([0-9.]+)-([0-9.]+)"
                    + "\\s+1\\.01\\s+(ok|OVER|not resolved)$",
            Pattern.MULTILINE);

    @Test
    @Timeout(300)
    void calibrate_oneThread_printsEveryRatioWithItsIntervalAndAVerdict() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute("calibrate", "--threads", "1", "--rounds", "2", "--runs", "20");
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
            double low = Double.parseDouble(m.group(5));
            double high = Double.parseDouble(m.group(6));
            assertTrue(low < ratio && ratio < high, "the interval holds its geometric mean\n" + text);
            String expected = high <= 1.01 ? "ok" : low > 1.01 ? "OVER" : "not resolved";
            assertEquals(expected, m.group(7), text);
        }
        assertEquals(List.of("tflite/xnnpack", "onnx/cpu", "tflite/cpu"), seen, text);
        assertTrue(
                code == ExitCode.OK
                        ? text.contains("verdict: OK") || text.contains("verdict: NOT RESOLVED")
                        : text.contains("verdict: OVER BUDGET"),
                text);
    }

    @Test
    void calibrate_badThreads_isUsageError() {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(ExitCode.USAGE, cl.execute("calibrate", "--threads", "0"));
    }
}

package io.edgebench.worker;

import io.edgebench.results.ErrorKind;
import io.edgebench.results.Phase;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains how a worker ended without a final message: a signal (exit code 128 + N, as Java reports it), a JVM
 * fatal error report (a native crash: the JVM catches the SIGSEGV, writes hs_err and aborts), a Java heap OOM
 * (-XX:+ExitOnOutOfMemoryError exits with 3), or any other exit code.
 *
 * @param kind crash or out_of_memory
 */
public record WorkerFailure(ErrorKind kind, String message) {
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"),
            Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"),
            Map.entry(4, "SIGILL"),
            Map.entry(5, "SIGTRAP"),
            Map.entry(6, "SIGABRT"),
            Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"),
            Map.entry(9, "SIGKILL"),
            Map.entry(11, "SIGSEGV"),
            Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"),
            Map.entry(15, "SIGTERM"));
    // HotSpot's fatal error header: "#  SIGSEGV (0xb) at pc=0x00007f..., pid=123, tid=124"
    private static final Pattern FATAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x([0-9a-f]+)\\) at pc=(0x[0-9a-f]+)");
    private static final Pattern FRAME = Pattern.compile("#\\s+([CVJj]\\s+\\[.*)");
    private static final Pattern REPORT = Pattern.compile("#\\s+(/\\S*hs_err\\S*\\.log)");

    /** Describes the end of a worker that exited with {@code exitCode} while in {@code phase}. */
    public static WorkerFailure of(int exitCode, Phase phase, StderrTail tail, String maxHeap) {
        String doing = doing(phase);
        String joined = String.join("\n", tail.lines());
        Matcher fatal = FATAL.matcher(joined);
        if (fatal.find()) {
            int signal = Integer.parseInt(fatal.group(2), 16);
            StringBuilder m = new StringBuilder("worker crashed (signal " + signal + " " + fatal.group(1) + " at pc="
                    + fatal.group(3) + ", JVM fatal error) while " + doing);
            Matcher frame = FRAME.matcher(joined);
            if (frame.find()) {
                m.append("; problematic frame: ").append(frame.group(1).trim());
            }
            Matcher report = REPORT.matcher(joined);
            if (report.find()) {
                m.append("; report: ").append(report.group(1));
            }
            return new WorkerFailure(ErrorKind.CRASH, m.toString());
        }
        String last = tail.summary(3);
        String lastPart = last.isEmpty() ? "; no stderr output" : "; last stderr: " + last;
        if (exitCode == 3 && joined.contains("java.lang.OutOfMemoryError")) {
            return new WorkerFailure(
                    ErrorKind.OUT_OF_MEMORY,
                    "worker ran out of Java heap (-Xmx" + maxHeap + ") while " + doing + lastPart);
        }
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = SIGNALS.getOrDefault(signal, "SIG" + signal);
            String hint = signal == 9 ? " (killed by another process or the kernel's OOM killer: see dmesg)" : "";
            return new WorkerFailure(
                    ErrorKind.CRASH,
                    "worker crashed (signal " + signal + " " + name + ")" + hint + " while " + doing + lastPart);
        }
        return new WorkerFailure(
                ErrorKind.CRASH, "worker exited with code " + exitCode + " without a result while " + doing + lastPart);
    }

    /** The phase as words for "while ...". */
    public static String doing(Phase phase) {
        return switch (phase == null ? Phase.START : phase) {
            case LOAD -> "loading the model";
            case WARMUP -> "warming up";
            case RUN -> "running the timed inferences";
            case PROFILE -> "profiling the operators";
            case DONE -> "reporting the result";
            default -> "starting";
        };
    }
}

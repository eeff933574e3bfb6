package io.edgebench.rig;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `edgebench fleet status` run as a user runs it (a child JVM, stdout to a file), timed, its peak RSS read from
 * /proc (VmHWM, polled while it lives), and its output counted: one line per agent plus the header.
 */
final class FleetStatusRun {
    private FleetStatusRun() {}

    /**
     * @param lines lines on stdout (header included)
     * @param online lines whose state column says online
     */
    record Figures(int exit, double timeS, long peakRssKb, long lines, long online, long stdoutBytes) {}

    static Figures run(String brokerUrl, Path dir, double waitS) throws IOException, InterruptedException {
        Path out = dir.resolve("fleet-status.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "io.edgebench.cli.Main",
                "fleet",
                "status",
                "--broker",
                brokerUrl,
                "--wait",
                Double.toString(waitS)));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("fleet-status.err").toFile());
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        long t0 = System.nanoTime();
        Process p = pb.start();
        long peakKb = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, vmHwmKb(p.pid()));
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(600)) {
                p.destroyForcibly();
                throw new IOException("fleet status did not finish in 600 s");
            }
        }
        double timeS = (System.nanoTime() - t0) / 1e9;
        long lines = 0;
        long online = 0;
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines++;
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 1 && "online".equals(cols[1])) {
                    online++;
                }
            }
        }
        return new Figures(p.exitValue(), timeS, peakKb, lines, online, Files.size(out));
    }

    /** The process's peak resident set so far (kB), 0 once it is gone. */
    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // exited between two polls: the last reading stands
        }
        return 0;
    }
}

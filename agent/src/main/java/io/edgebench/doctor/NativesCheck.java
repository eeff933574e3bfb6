package io.edgebench.doctor;

import io.edgebench.runtime.onnx.OnnxRuntime;
import io.edgebench.runtime.tflite.TfliteRuntime;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuProbe;
import io.edgebench.runtime.tflite.edgetpu.NativeLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether this jar's natives load here: TFLite (+ javacpp), ONNX Runtime, the edgebench shim, and libedgetpu with
 * its version. Loaded in a child JVM, like a benchmark: a library that needs a newer glibc, or crashes while
 * loading, fails the child and becomes a finding instead of killing doctor.
 */
final class NativesCheck {
    static final String PROBE_FLAG = "--natives-probe";
    private static final long TIMEOUT_S = 180; // an emulated or slow board needs a while to start a JVM

    private NativesCheck() {}

    /** The child's side: one "key=value" (loaded) or "key!reason" (failed) line per library. */
    static int probe(PrintStream out) {
        step(out, "tflite", () -> new TfliteRuntime().version());
        step(out, "onnx", () -> new OnnxRuntime().version());
        step(out, "shim", () -> {
            NativeLoader.ensureLoaded();
            return NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        });
        EdgeTpuProbe p = EdgeTpuProbe.probe();
        out.println(
                p.available()
                        ? "libedgetpu=" + p.libedgetpuPath() + " version " + p.libedgetpuVersion()
                        : "libedgetpu!" + oneLine(p.error()));
        out.flush();
        return 0;
    }

    private interface Step {
        String run() throws Exception;
    }

    private static void step(PrintStream out, String key, Step s) {
        try {
            out.println(key + "=" + oneLine(s.run()));
        } catch (Throwable t) { // UnsatisfiedLinkError is what a too-old glibc gives
            out.println(key + "!" + oneLine(t.toString()));
        }
        out.flush();
    }

    static List<Check> run() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC"));
        System.getProperties().stringPropertyNames().stream()
                .sorted()
                .filter(k -> k.startsWith("org.bytedeco.") || k.startsWith("edgebench.") || k.equals("java.io.tmpdir"))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("io.edgebench.cli.Main", "doctor", PROBE_FLAG));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // the class path through CLASSPATH: ONNX Runtime crashes the JVM on a command line of about 4 KB
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        String out;
        int exit;
        try {
            Path log = Files.createTempFile("edgebench-doctor-", ".log");
            try {
                Process p = pb.redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return List.of(Check.fail(
                            "natives",
                            "the natives probe did not finish in " + TIMEOUT_S + " s",
                            "Run `edgebench bench` on a forged model to see where it hangs."));
                }
                exit = p.exitValue();
                out = Files.readString(log, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return List.of(
                    Check.fail("natives", "cannot start " + java + ": " + e.getMessage(), "Check the Java install."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(Check.fail("natives", "interrupted", ""));
        }
        return verdicts(out, exit);
    }

    static List<Check> verdicts(String out, int exit) {
        Map<String, String> ok = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            int bang = line.indexOf('!');
            if (eq > 0 && (bang < 0 || eq < bang)) {
                ok.put(line.substring(0, eq), line.substring(eq + 1));
            } else if (bang > 0) {
                failed.put(line.substring(0, bang), line.substring(bang + 1));
            }
        }
        List<Check> checks = new ArrayList<>();
        if (exit != 0 || !ok.keySet().containsAll(List.of("tflite", "onnx", "shim"))) {
            String why = failed.isEmpty()
                    ? "the probe exited with " + exit + ": " + tail(out)
                    : failed.entrySet().stream()
                            .filter(e -> !e.getKey().equals("libedgetpu"))
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("exit " + exit + ": " + tail(out));
            checks.add(Check.fail(
                    "natives",
                    why,
                    "The natives need 64-bit Linux (x86_64 or aarch64) with glibc >= 2.34:"
                            + " Debian 12 / Raspberry Pi OS bookworm (64-bit) or newer."));
            return checks;
        }
        checks.add(Check.ok(
                "natives",
                "TFLite " + ok.get("tflite") + ", ONNX Runtime " + ok.get("onnx") + ", shim " + ok.get("shim")));
        if (ok.containsKey("libedgetpu")) {
            checks.add(Check.ok(
                    "libedgetpu",
                    ok.get("libedgetpu") + " (it must match TFLite 2.21's ABI:"
                            + " `edgebench bench --delegate edgetpu` proves it)"));
        } else {
            checks.add(
                    Check.warn(
                            "libedgetpu",
                            failed.getOrDefault("libedgetpu", "not found"),
                            "Only for the Edge TPU: install libedgetpu1-std (Coral's apt repository) or set EDGEBENCH_LIBEDGETPU."));
        }
        return checks;
    }

    private static String oneLine(String s) {
        return s == null ? "null" : s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String tail(String out) {
        String[] lines = out.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }
}

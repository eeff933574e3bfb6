package io.edgebench.demo;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's run command end to end: `java -jar edgebench-demo.jar demo` as a real process, from the packaged jar
 * (integration-test phase, after package). Proves the shaded jar holds a working broker without RocksDB's natives.
 */
class DemoIT {
    /** Set by the demo-it execution (integration-test phase) only: a filtered surefire run in the test phase skips. */
    private static final String JAR_PROPERTY = System.getProperty("edgebench.demo.jar");

    @Test
    @Timeout(value = 300, unit = SECONDS)
    void demo_printsTheCompareTableAndAgreementReceivedOverMqtt_andExitsZero() throws Exception {
        Assumptions.assumeTrue(JAR_PROPERTY != null, "DemoIT runs in the integration-test phase, after package");
        Path jar = Path.of(JAR_PROPERTY);
        assertTrue(Files.isRegularFile(jar), "the packaged demo jar must exist: " + jar);
        Path out = Files.createTempFile("demo-out", ".txt");
        Path err = Files.createTempFile("demo-err", ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString(), "demo", "--runs", "20"))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        long t0 = System.nanoTime();
        boolean done = p.waitFor(240, SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String stdout = read(out);
        String stderr = read(err);
        System.out.printf("demo process: %.1f s%n%s%n%s%n", (System.nanoTime() - t0) / 1e9, stdout, stderr);
        assertTrue(done, "demo did not finish within 240 s\n" + stderr);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(stdout.contains("received over MQTT"), stdout);
        assertTrue(
                stdout.matches("(?s).*edgebench/demo/result/\\S+\\s+\\(compare, status ok\\).*"),
                "one compare job's result topic:\n" + stdout);
        // the compare table: one column per lane, TFLite (two delegates) and ONNX Runtime
        assertTrue(
                stdout.contains("[1] tiny_f32.tflite tflite:xnnpack")
                        && stdout.contains("[2] tiny_f32.tflite tflite:cpu")
                        && stdout.contains("[3] tiny_f32.onnx onnx:cpu"),
                "the three lanes:\n" + stdout);
        assertTrue(
                stdout.matches("(?s).*\\np50 ms\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\n.*"),
                "a median latency for each lane:\n" + stdout);
        // and the output agreement of every pair, from the same seeded inputs over MQTT
        assertTrue(stdout.contains("Output agreement over 20 seeded inputs"), stdout);
        for (String pair : new String[] {"[1] vs [2]", "[1] vs [3]", "[2] vs [3]"}) {
            assertTrue(
                    stdout.matches("(?s).*\\n" + Pattern.quote(pair)
                            + "\\s+[0-9.e+-]+\\s+[0-9.e+-]+\\s+[0-9.]+\\s+[0-9.]+%\\s+ok\\n.*"),
                    pair + " agrees:\n" + stdout);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}

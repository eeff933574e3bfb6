package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `edgebench bench --delegate edgetpu` as a user runs it: CLI process, worker process, TfliteRuntime, JNI shim, and
 * the stand-in libedgetpu (named through EDGEBENCH_LIBEDGETPU, which the worker inherits).
 */
@Timeout(180)
class EdgeTpuBenchCliTest {
    private record Cli(int exitCode, String stdout, String stderr, long wallMs) {}

    private static Cli edgebench(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.edgebench.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(EdgeTpuLibrary.PATH_ENV);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("edgebench did not finish");
        }
        return new Cli(
                p.exitValue(),
                new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void bench_forgedModelOnStandIn_fullyDelegatedWithLatency(@TempDir Path dir) throws Exception {
        StandIn.configure("usb:/sys/bus/usb/devices/2-1", null);
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        Path json = dir.resolve("result.json");
        Cli r = edgebench(
                Map.of(EdgeTpuLibrary.PATH_ENV, StandIn.library().toString()),
                "bench",
                model.toString(),
                "--delegate",
                "edgetpu",
                "--runs",
                "20",
                "--min-seconds",
                "0",
                "--no-telemetry",
                "--quiet",
                "--json",
                json.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode result = Json.mapper().readTree(json.toFile());
        assertEquals("ok", result.get("status").asText(), result.toString());
        assertEquals("edgetpu", result.get("delegate").asText());
        assertEquals(1, result.get("delegation").get("delegated_nodes").asInt(), result.toString());
        assertEquals(1, result.get("delegation").get("total_nodes").asInt());
        assertTrue(result.get("latency_us").get("p50").asDouble() > 0, result.toString());
        assertTrue(
                StandIn.recorded().contains("prepare nodes=1 claimed=1"),
                StandIn.recorded().toString());
        assertTrue(
                StandIn.recorded().contains("option Performance=Max"),
                StandIn.recorded().toString());
    }

    @Test
    void bench_withoutLibedgetpu_exits69WithInstallHint(@TempDir Path dir) throws Exception {
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        Cli r = edgebench(
                Map.of(
                        EdgeTpuLibrary.PATH_ENV,
                        dir.resolve("absent/libedgetpu.so.1").toString()),
                "bench",
                model.toString(),
                "--delegate",
                "edgetpu",
                "--edgetpu-performance",
                "high",
                "--require-full-delegation",
                "--no-telemetry",
                "--quiet");
        assertEquals(69, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(
                r.stderr()
                        .contains("libedgetpu.so.1 not found (tried: " + dir.resolve("absent/libedgetpu.so.1")
                                + " (no such file))"),
                r.stderr());
        assertTrue(r.stderr().contains("apt-get install libedgetpu1-std"), r.stderr());
        System.out.println(
                "edgetpu missing-library bench CLI: exit 69 after " + r.wallMs() + " ms wall (two JVM starts)");
    }

    private static final String STANDIN_VERSION =
            "BuildLabel(COMPILER=edgebench-standin,DATE=redacted,TIME=redacted,CL_NUMBER=0), RuntimeVersion(14)";

    @Test
    void bench_edgetpuFlags_resultCarriesEdgetpuObjectWarningsAndTable(@TempDir Path dir) throws Exception {
        StandIn.configure("usb:/sys/bus/usb/devices/2-1;pci:/dev/apex_0", null);
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        Path json = dir.resolve("result.json");
        Cli r = edgebench(
                Map.of(EdgeTpuLibrary.PATH_ENV, StandIn.library().toString()),
                "bench",
                model.toString(),
                "--delegate",
                "edgetpu",
                "--edgetpu-device",
                "pci:0",
                "--edgetpu-performance",
                "high",
                "--require-full-delegation",
                "--runs",
                "10",
                "--min-seconds",
                "0",
                "--no-telemetry",
                "--json",
                json.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode result = Json.mapper().readTree(json.toFile());
        assertEquals("ok", result.get("status").asText(), result.toString());
        JsonNode tpu = result.get("edgetpu");
        assertEquals("pci", tpu.get("device_type").asText(), result.toString());
        assertEquals("/dev/apex_0", tpu.get("device_path").asText());
        assertEquals("high", tpu.get("performance").asText());
        assertEquals(STANDIN_VERSION, tpu.get("libedgetpu_version").asText());
        assertEquals(1, result.at("/delegation/delegated_nodes").asInt(), result.toString());
        assertEquals(1, result.at("/delegation/total_nodes").asInt());
        assertEquals("2.21.0", result.get("runtime_version").asText());
        assertEquals(1, result.get("warnings").size(), result.toString());
        assertTrue(
                result.at("/warnings/0").asText().contains("is not known to match TensorFlow Lite [2.21.0]"),
                result.toString());
        List<String> rec = StandIn.recorded();
        assertTrue(
                rec.contains("option Performance=High") && rec.contains("prepare nodes=1 claimed=1"), rec.toString());
        assertTrue(rec.stream().anyMatch(l -> l.startsWith("create type=pci path=/dev/apex_0")), rec.toString());
        assertTrue(
                r.stdout().contains("edgetpu      pci /dev/apex_0, performance high, libedgetpu " + STANDIN_VERSION),
                r.stdout());
        assertTrue(r.stdout().contains("1 of 1 nodes on the delegate (full)"), r.stdout());
        assertTrue(r.stdout().contains("warning      libedgetpu ["), r.stdout());
    }

    @Test
    void bench_partlyDelegatedWithRequireFullDelegation_exits65WithCpuFallback(@TempDir Path dir) throws Exception {
        StandIn.configure("usb:/sys/bus/usb/devices/2-1", null);
        Path model = CustomOpModels.write(dir.resolve("forged_partial_edgetpu.tflite"), true);
        Path json = dir.resolve("result.json");
        Cli r = edgebench(
                Map.of(EdgeTpuLibrary.PATH_ENV, StandIn.library().toString()),
                "bench",
                model.toString(),
                "--delegate",
                "edgetpu",
                "--require-full-delegation",
                "--no-telemetry",
                "--quiet",
                "--json",
                json.toString());
        assertEquals(65, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("CPU fallback detected: 1 of 2 ops not on the Edge TPU"), r.stderr());
        JsonNode result = Json.mapper().readTree(json.toFile());
        assertEquals("failed", result.get("status").asText());
        assertEquals("model", result.get("error_kind").asText());
        assertTrue(
                StandIn.recorded().contains("free path=/sys/bus/usb/devices/2-1"),
                StandIn.recorded().toString());
    }

    @Test
    void bench_partlyDelegatedWithoutRequirement_runsWithCounts(@TempDir Path dir) throws Exception {
        StandIn.configure("usb:/sys/bus/usb/devices/2-1", null);
        Path model = CustomOpModels.write(dir.resolve("forged_partial_edgetpu.tflite"), true);
        Cli r = edgebench(
                Map.of(EdgeTpuLibrary.PATH_ENV, StandIn.library().toString()),
                "bench",
                model.toString(),
                "--delegate",
                "edgetpu",
                "--edgetpu-performance",
                "low",
                "--runs",
                "5",
                "--min-seconds",
                "0",
                "--no-telemetry",
                "--quiet",
                "--json",
                "-");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode result = Json.mapper().readTree(r.stdout());
        assertEquals(1, result.at("/delegation/delegated_nodes").asInt(), result.toString());
        assertEquals(2, result.at("/delegation/total_nodes").asInt());
        assertEquals("low", result.at("/edgetpu/performance").asText());
        assertTrue(
                StandIn.recorded().contains("option Performance=Low"),
                StandIn.recorded().toString());
    }

    @Test
    void compare_edgetpuLane_tableAndJsonShowTheDevice(@TempDir Path dir) throws Exception {
        StandIn.configure("usb:/sys/bus/usb/devices/2-1", null);
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        Path json = dir.resolve("compare.json");
        Cli r = edgebench(
                Map.of(EdgeTpuLibrary.PATH_ENV, StandIn.library().toString()),
                "compare",
                model.toString(),
                "--delegates",
                "tflite:edgetpu",
                "--edgetpu-device",
                "usb:0",
                "--edgetpu-performance",
                "medium",
                "--require-full-delegation",
                "--runs",
                "5",
                "--min-seconds",
                "0",
                "--agreement-inputs",
                "2",
                "--json",
                json.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        JsonNode result = Json.mapper().readTree(json.toFile()).at("/results/0");
        assertEquals("ok", result.get("status").asText(), result.toString());
        assertEquals("medium", result.at("/edgetpu/performance").asText(), result.toString());
        assertEquals("usb", result.at("/edgetpu/device_type").asText());
        assertTrue(r.stdout().contains("[1] edgetpu: usb /sys/bus/usb/devices/2-1, performance medium"), r.stdout());
        assertTrue(r.stdout().contains("[1] warning: libedgetpu ["), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("edgetpu\\s+usb medium")), r.stdout());
        assertTrue(
                StandIn.recorded().contains("option Performance=Medium"),
                StandIn.recorded().toString());
    }
}

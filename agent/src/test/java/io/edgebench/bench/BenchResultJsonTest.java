package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Host;
import io.edgebench.results.BenchResult.InputShape;
import io.edgebench.results.BenchResult.ModelRef;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.BenchResult.Warmup;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.ModelFormat;
import io.edgebench.results.RuntimeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchResultJsonTest {
    /** The keys issue 2 requires of every ok result (delegation: of TFLite results; ONNX ones have none). */
    static final List<String> REQUIRED = List.of(
            "schema_version",
            "model/path",
            "model/sha256",
            "model/format",
            "runtime",
            "runtime_version",
            "delegate",
            "threads",
            "init_us",
            "first_inference_us",
            "runs",
            "latency_us/min",
            "latency_us/max",
            "latency_us/mean",
            "latency_us/std",
            "latency_us/p50",
            "latency_us/p90",
            "latency_us/p95",
            "latency_us/p99",
            "latency_us/p999",
            "throughput_ips",
            "peak_rss_bytes",
            "delegation/delegated_nodes",
            "delegation/total_nodes",
            "host/arch",
            "host/cpus",
            "host/kernel",
            "status");

    static BenchResult sample() {
        return BenchResult.builder()
                .model(new ModelRef("m.tflite", "ab".repeat(32), ModelFormat.TFLITE))
                .runtime(RuntimeKind.TFLITE)
                .runtimeVersion("2.21.0")
                .delegate(Delegate.XNNPACK)
                .threads(2)
                .seed(1)
                .loadUs(100L)
                .initUs(2000L)
                .firstInferenceUs(3000L)
                .warmup(new Warmup(5, 1100.5))
                .runs(50L)
                .latencyUs(new LatencyStats(900, 1500, 1000, 50, 990, 1100, 1200, 1400, 1500))
                .throughputIps(987.6)
                .peakRssBytes(90_000_000L)
                .delegation(new Delegation(31, 31))
                .inputs(List.of(new InputShape("input", "uint8", List.of(1L, 128L, 128L, 3L))))
                .host(Host.current())
                .timedWindow(new TimedWindow(10, 20))
                .status(Status.OK)
                .valid(true)
                .invalidReasons(List.of())
                .build();
    }

    static void assertRequiredKeys(JsonNode json) {
        for (String key : REQUIRED) {
            JsonNode node = json.at("/" + key);
            if (key.startsWith("delegation/")
                    && "onnx".equals(json.path("runtime").asText())) {
                // ONNX Runtime's CPU execution provider is the runtime, not a delegate: no counts to claim
                assertTrue(json.path("delegation").isMissingNode(), "an onnx result with delegation: " + json);
                continue;
            }
            if (key.startsWith("latency_us/p9") && unresolved(json, key.substring("latency_us/".length()))) {
                continue; // the resolution rule left it out, and says so
            }
            assertFalse(node.isMissingNode() || node.isNull(), "missing " + key + " in " + json);
        }
    }

    private static boolean unresolved(JsonNode json, String percentile) {
        for (JsonNode u : json.at("/latency_us/unresolved")) {
            if (percentile.equals(u.get("percentile").asText())
                    && u.get("needed_runs").asLong() > 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void okResult_hasEveryRequiredKey_snakeCase_andRoundTrips() throws Exception {
        String text = Json.pretty().writeValueAsString(sample());
        JsonNode json = Json.mapper().readTree(text);
        assertRequiredKeys(json);
        assertEquals("ok", json.get("status").asText());
        assertEquals("xnnpack", json.get("delegate").asText());
        assertEquals(1, json.get("schema_version").asInt());
        assertEquals(1500.0, json.at("/latency_us/p999").asDouble());
        assertEquals(20, json.at("/timed_window/end_ns").asLong());
        assertFalse(json.has("error"), "no error key on ok results");
        assertFalse(json.at("/delegation").has("full"));
        assertEquals(
                sample().latencyUs(),
                Json.mapper().readValue(text, BenchResult.class).latencyUs());
        assertFalse(json.has("edgetpu"), "no edgetpu object for other delegates: " + json);
        assertEquals(0, json.get("warnings").size());
    }

    @Test
    void edgeTpuResult_writesEdgetpuObjectAndWarnings_snakeCase_andRoundTrips() throws Exception {
        BenchResult s = sample();
        EdgeTpuInfo info =
                new EdgeTpuInfo("usb", "/sys/bus/usb/devices/2-1", "high", "BuildLabel(x), RuntimeVersion(14)");
        BenchResult r = BenchResult.builder()
                .model(s.model())
                .runtime(RuntimeKind.TFLITE)
                .runtimeVersion("2.21.0")
                .delegate(Delegate.EDGETPU)
                .threads(1)
                .seed(1)
                .loadUs(100L)
                .initUs(200L)
                .firstInferenceUs(300L)
                .warmup(s.warmup())
                .runs(50L)
                .latencyUs(s.latencyUs())
                .throughputIps(900.0)
                .peakRssBytes(1L)
                .delegation(new Delegation(1, 1))
                .edgetpu(info)
                .inputs(s.inputs())
                .host(s.host())
                .timedWindow(s.timedWindow())
                .status(Status.OK)
                .valid(true)
                .invalidReasons(List.of())
                .warnings(List.of("libedgetpu not known to match"))
                .build();
        String text = Json.pretty().writeValueAsString(r);
        JsonNode json = Json.mapper().readTree(text);
        assertRequiredKeys(json);
        assertEquals("edgetpu", json.get("delegate").asText());
        assertEquals("usb", json.at("/edgetpu/device_type").asText(), text);
        assertEquals("/sys/bus/usb/devices/2-1", json.at("/edgetpu/device_path").asText());
        assertEquals("high", json.at("/edgetpu/performance").asText());
        assertEquals(
                "BuildLabel(x), RuntimeVersion(14)",
                json.at("/edgetpu/libedgetpu_version").asText());
        assertEquals(4, json.get("edgetpu").size(), text);
        assertEquals("libedgetpu not known to match", json.at("/warnings/0").asText());
        BenchResult back = Json.mapper().readValue(text, BenchResult.class);
        assertEquals(info, back.edgetpu());
        assertEquals(r.warnings(), back.warnings());
        String table = ResultTable.render(r);
        assertTrue(
                table.contains("edgetpu      usb /sys/bus/usb/devices/2-1, performance high, libedgetpu BuildLabel(x)"),
                table);
        assertTrue(table.contains("warning      libedgetpu not known to match"), table);
        assertTrue(table.contains("1 of 1 nodes on the delegate (full)"), table);
    }

    @Test
    void failedResult_needsAnError_andWritesIt() throws Exception {
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchResult.builder()
                        .threads(1)
                        .seed(1)
                        .status(Status.FAILED)
                        .valid(false)
                        .build());
        BenchResult failed = BenchResult.builder()
                .runtime(RuntimeKind.ONNX)
                .delegate(Delegate.CPU)
                .threads(1)
                .seed(1)
                .host(Host.current())
                .status(Status.FAILED)
                .error("worker crashed")
                .errorKind("crash")
                .valid(false)
                .invalidReasons(List.of("failed: crash"))
                .stderrTail(List.of("line"))
                .build();
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(failed));
        assertEquals("failed", json.get("status").asText());
        assertEquals("worker crashed", json.get("error").asText());
        assertTrue(json.has("stderr_tail"));
    }
}

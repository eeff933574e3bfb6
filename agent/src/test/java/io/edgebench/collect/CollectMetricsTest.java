package io.edgebench.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.AgentStatus;
import io.edgebench.wire.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `collect --metrics-port` as a child process on a real mosquitto: results and statuses of four devices go in, a
 * scrape comes out, and Python's prometheus_client parser (the reference text parser; the test skips that part
 * with a message where it is not importable, e.g. set EDGEBENCH_PYTHON to a venv's python) must read it with one
 * series per device.
 */
@Tag("slow")
class CollectMetricsTest {
    private static final Pattern PORT = Pattern.compile("collect event=metrics_listening .* port=(\\d+)");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void metrics_afterResultsAndStatuses_onePrometheusSeriesPerDevice() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                CollectorProcess collector = new CollectorProcess(
                        tmp,
                        broker.url(),
                        "jdbc:sqlite:" + tmp.resolve("results.db"),
                        "collect-metrics",
                        null,
                        List.of("--metrics-port", "0"))) {
            collector.start();
            publishStatuses(broker.url());
            try (FleetPublisher agents = new FleetPublisher(broker.url())) {
                for (int i = 0; i < 9; i++) {
                    agents.publish(i);
                }
            }
            Awaitility.await("9 results stored")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> collector.count("collect event=stored") >= 9);
            Matcher m = PORT.matcher(collector.log());
            assertTrue(m.find(), collector.log());
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(
                    "text/plain; version=0.0.4; charset=utf-8",
                    r.headers().firstValue("Content-Type").orElse(""));
            assertTrue(r.body().contains("# TYPE edgebench_run_end_temperature_celsius gauge"), r.body());
            assertTrue(
                    r.body().contains("edgebench_run_power_mean_watts{device_id=\"pi4-lab\",power_source=\"ina2xx\"} "),
                    r.body());
            assertFalse(r.body().contains("\nhw_"), "no OpenTelemetry hw.* names for old run figures: " + r.body());
            // The collector's own state: all 9 stored, nothing held, not waiting (the sample is absent).
            assertTrue(r.body().contains("\nedgebench_collector_state{state=\"storing\"} 1\n"), r.body());
            assertTrue(r.body().contains("\nedgebench_collector_held_messages 0\n"), r.body());
            assertTrue(r.body().contains("# TYPE edgebench_collector_waiting_since_seconds gauge\n"), r.body());
            assertFalse(r.body().contains("\nedgebench_collector_waiting_since_seconds "), r.body());

            JsonNode families = parseWithPrometheusClient(r.body());
            assertEquals(
                    Map.of("coral-lab", 1, "pi4-lab", 1, "pi5-lab", 1),
                    perDevice(families, "edgebench_result_finished_timestamp_seconds"),
                    r.body());
            assertEquals(
                    Map.of("coral-lab", 1, "old-pi", 1, "pi4-lab", 1, "pi5-lab", 1),
                    perDevice(families, "edgebench_agent_status"),
                    r.body());
            // The newest result of coral-lab (number 8) is a two-lane compare, the others one-lane benches.
            assertEquals(
                    Map.of("coral-lab", 2, "pi4-lab", 1, "pi5-lab", 1),
                    perDevice(families, "edgebench_inference_latency_p50_seconds"),
                    r.body());
            assertEquals(
                    Map.of("pi4-lab", 1, "pi5-lab", 1),
                    perDevice(families, "edgebench_run_power_mean_watts"),
                    r.body());
            assertEquals(
                    404,
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/other"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
    }

    private static void publishStatuses(String url) throws Exception {
        MqttClient c = new MqttClient(url, "statuses", new MemoryPersistence());
        c.connect(new MqttConnectionOptions());
        for (String[] d : new String[][] {
            {"pi4-lab", "online"}, {"pi5-lab", "busy"}, {"coral-lab", "online"}, {"old-pi", "offline"}
        }) {
            AgentStatus s = new AgentStatus(
                    AgentStatus.SCHEMA_VERSION,
                    AgentState.of(d[1]),
                    d[0],
                    "dev",
                    "test",
                    Map.of(),
                    List.of(),
                    0,
                    null,
                    Instant.now().toString());
            c.publish(Topics.status(d[0]), new MqttMessage(Json.mapper().writeValueAsBytes(s), 1, true, null));
        }
        c.disconnect();
        c.close();
    }

    /** Series per device_id label of one family, as the parser saw them. */
    private static Map<String, Integer> perDevice(JsonNode families, String name) {
        Map<String, Integer> n = new java.util.TreeMap<>();
        for (JsonNode labels : families.path(name)) {
            n.merge(labels.path("device_id").asText(), 1, Integer::sum);
        }
        return n;
    }

    /** {family: [labels of each sample]} from prometheus_client's text parser; skips the test without it. */
    private JsonNode parseWithPrometheusClient(String body) throws Exception {
        Path scrape = tmp.resolve("scrape.txt");
        Files.writeString(scrape, body);
        String python = System.getenv().getOrDefault("EDGEBENCH_PYTHON", "python3");
        String script = String.join(
                "\n",
                "import json, sys",
                "try:",
                "    from prometheus_client.parser import text_string_to_metric_families",
                "except ImportError:",
                "    sys.exit(3)",
                "out = {}",
                "for f in text_string_to_metric_families(open(sys.argv[1]).read()):",
                "    out.setdefault(f.name, []).extend(s.labels for s in f.samples)",
                "print(json.dumps(out))");
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", script, scrape.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no " + python + " to run prometheus_client's parser: " + e.getMessage());
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        Assumptions.assumeFalse(
                p.exitValue() == 3,
                "prometheus_client is not importable by " + python
                        + " (pip install prometheus-client, or EDGEBENCH_PYTHON=/path/to/venv/bin/python); the Java-side"
                        + " checks of the scrape passed");
        assertEquals(0, p.exitValue(), "prometheus_client rejected the scrape: " + out + "\n" + body);
        return Json.mapper().readTree(out);
    }
}

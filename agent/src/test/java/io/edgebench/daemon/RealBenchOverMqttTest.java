package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.bench.BenchRunner;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.mqtt.MosquittoBroker;
import io.edgebench.mqtt.TestClient;
import io.edgebench.mqtt.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production executor end to end over MQTT: a forged model pair in the models dir, bench requests for the
 * TFLite and the ONNX file, real worker processes, full results on result/&lt;job_id&gt;; inspect answers too.
 */
class RealBenchOverMqttTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void benchOverMqtt_tfliteAndOnnx_realWorkers_publishFullResults() throws Exception {
        Forge.Result forged = Forge.forge(ForgeSpec.tiny(), tmp.resolve("forged"));
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("models"));
        Files.copy(forged.tflite(), data.resolve("models/tiny.tflite"));
        Files.copy(forged.onnx(), data.resolve("models/tiny.onnx"));
        DeviceProbes probes = new DeviceProbes() {
            @Override
            public java.util.Map<String, String> runtimes() {
                return HostProbes.RUNTIMES;
            }

            @Override
            public java.util.List<String> accelerators() {
                return java.util.List.of();
            }

            @Override
            public Object inspect(Path model) {
                return io.edgebench.model.ModelInspector.inspect(model);
            }

            @Override
            public Object sensors() {
                throw new UnsupportedOperationException("sensors are not available in this test");
            }
        };
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url());
                AgentHarness agent = new AgentHarness(broker.url(), "real1", data,
                        new BenchJobExecutor(data.resolve("models"), null, new BenchRunner()), null, probes, 4)) {
            client.subscribe("edgebench/real1/#");
            Awaitility.await().atMost(WAIT).until(() -> !client.on(Topics.status("real1")).isEmpty());
            JsonNode status = client.on(Topics.status("real1")).get(0).json();
            assertEquals("2.21.0", status.at("/runtimes/tflite").asText(), status.toString());

            JsonNode inspect = client.request(Topics.cmd("real1", Topics.INSPECT), "{\"model\":\"tiny.onnx\"}", WAIT);
            assertTrue(inspect.get("ok").asBoolean(), inspect.toString());

            for (String model : new String[] {"tiny.tflite", "tiny.onnx"}) {
                JsonNode accepted = client.request(Topics.cmd("real1", Topics.BENCH), "{\"model\":\"" + model
                        + "\",\"runs\":5,\"warmup_runs\":1,\"min_seconds\":0,\"sample_hz\":0}", WAIT);
                assertTrue(accepted.get("ok").asBoolean(), accepted.toString());
                String jobId = accepted.at("/data/job_id").asText();
                JsonNode result = client.await(Topics.result("real1", jobId), WAIT).json();
                assertEquals("ok", result.get("status").asText(), result.toString());
                assertTrue(result.at("/result/runs").asLong() >= 5, result.toString());
                assertTrue(result.at("/result/latency_us").isObject(), result.toString());
                System.out.println("real bench over mqtt: model=" + model + " runtime="
                        + result.at("/result/runtime").asText() + " latency_us=" + result.at("/result/latency_us"));
            }
        }
    }
}

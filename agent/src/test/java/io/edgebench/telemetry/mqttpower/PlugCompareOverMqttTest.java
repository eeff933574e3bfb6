package io.edgebench.telemetry.mqttpower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.bench.BenchRunner;
import io.edgebench.compare.CompareTable;
import io.edgebench.config.MqttPowerSpec;
import io.edgebench.daemon.AgentHarness;
import io.edgebench.daemon.BenchJobExecutor;
import io.edgebench.daemon.HostProbes;
import io.edgebench.json.Json;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.CompareReport;
import io.edgebench.telemetry.HostPower;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare over MQTT with a plug on the agent's broker: every lane's result carries energy per inference with its
 * uncertainty and the source, and the controller side renders them from the JSON it received.
 */
@Tag("slow")
class PlugCompareOverMqttTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void compareOverMqtt_everyLaneHasEnergyPerInferenceAndItsUncertainty() throws Exception {
        Forge.Result forged = Forge.forge(ForgeSpec.tiny(), tmp.resolve("forged"));
        Path models = Files.createDirectories(tmp.resolve("data/models"));
        Files.copy(forged.tflite(), models.resolve("tiny.tflite"));
        Files.copy(forged.onnx(), models.resolve("tiny.onnx"));
        // no broker_url: the agent's own broker is used; a 4 s baseline keeps the test short; compare samples
        // telemetry only when asked (sample_hz), as the CLI does
        MqttPowerSpec plug = new MqttPowerSpec(
                "shelly_gen1",
                "plug-cmp",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                4.0,
                null,
                null);
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                PlugPublisher publisher = new PlugPublisher(
                        broker.url(), PlugPublisher.Format.SHELLY_GEN1, "plug-cmp", PlugBenchTest.PROFILE, 2.0);
                TestClient client = new TestClient(broker.url());
                AgentHarness agent = new AgentHarness(
                        broker.url(),
                        "plugcmp",
                        tmp.resolve("data"),
                        new BenchJobExecutor(
                                models,
                                new BenchRunner(),
                                new HostPower(
                                        "generic-linux",
                                        null,
                                        plug,
                                        broker.url(),
                                        PahoPowerLinks.standalone(line -> {}))),
                        null,
                        HostProbes.detect(null),
                        4,
                        true)) {
            client.subscribe("edgebench/plugcmp/#");
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> !client.on(Topics.status("plugcmp")).isEmpty());
            JsonNode accepted = client.request(
                    Topics.cmd("plugcmp", Topics.COMPARE),
                    "{\"models\":[\"tiny.tflite\","
                            + "\"tiny.onnx\"],\"delegates\":[\"tflite:cpu\",\"onnx:cpu\"],\"runs\":5,\"warmup_runs\":1,"
                            + "\"min_seconds\":4,\"agreement_inputs\":2,\"sample_hz\":50}",
                    WAIT);
            assertTrue(accepted.get("ok").asBoolean(), accepted.toString());
            JsonNode result = client.await(
                            Topics.result("plugcmp", accepted.at("/data/job_id").asText()), WAIT)
                    .json();
            assertEquals("ok", result.get("status").asText(), result.toString());
            JsonNode report = result.get("result");
            for (JsonNode lane : report.get("results")) {
                JsonNode e = lane.at("/telemetry/energy");
                assertEquals("mqtt_power", e.path("power_source").asText(), lane.toString());
                assertTrue(e.path("valid").asBoolean(), e.toString());
                assertTrue(e.path("energy_per_inference_mj").asDouble() > 0, e.toString());
                assertTrue(e.path("energy_per_inference_uncertainty_mj").asDouble() > 0, e.toString());
                assertEquals(95.0, e.path("confidence_pct").asDouble(), e.toString());
            }
            String table = CompareTable.render(Json.mapper().treeToValue(report, CompareReport.class));
            System.out.println("compare over mqtt with a plug:\n" + table);
            assertTrue(table.contains("energy/inf ± 95%"), table);
            assertTrue(table.contains("mqtt_power"), table);
        }
    }
}

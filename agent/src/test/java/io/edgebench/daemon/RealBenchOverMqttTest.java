package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.bench.BenchRunner;
import io.edgebench.compare.CompareTable;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.CompareReport;
import io.edgebench.results.VerdictOptions;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuProbe;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            public io.edgebench.model.ModelInspection inspect(Path model) {
                return io.edgebench.model.ModelInspector.inspect(model);
            }

            @Override
            public io.edgebench.wire.SensorsSnapshot sensors() {
                throw new UnsupportedOperationException("sensors are not available in this test");
            }
        };
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url());
                AgentHarness agent = new AgentHarness(
                        broker.url(),
                        "real1",
                        data,
                        new BenchJobExecutor(data.resolve("models"), null, new BenchRunner()),
                        null,
                        probes,
                        4)) {
            client.subscribe("edgebench/real1/#");
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> !client.on(Topics.status("real1")).isEmpty());
            JsonNode status = client.on(Topics.status("real1")).get(0).json();
            assertEquals("2.21.0", status.at("/runtimes/tflite").asText(), status.toString());

            JsonNode inspect = client.request(Topics.cmd("real1", Topics.INSPECT), "{\"model\":\"tiny.onnx\"}", WAIT);
            assertTrue(inspect.get("ok").asBoolean(), inspect.toString());

            for (String model : new String[] {"tiny.tflite", "tiny.onnx"}) {
                JsonNode accepted = client.request(
                        Topics.cmd("real1", Topics.BENCH),
                        "{\"model\":\"" + model + "\",\"runs\":5,\"warmup_runs\":1,\"min_seconds\":0,\"sample_hz\":0}",
                        WAIT);
                assertTrue(accepted.get("ok").asBoolean(), accepted.toString());
                String jobId = accepted.at("/data/job_id").asText();
                JsonNode result =
                        client.await(Topics.result("real1", jobId), WAIT).json();
                assertEquals("ok", result.get("status").asText(), result.toString());
                assertTrue(result.at("/result/runs").asLong() >= 5, result.toString());
                assertTrue(result.at("/result/latency_us").isObject(), result.toString());
                // issue 12's numbers travel with every result
                assertEquals(
                        10_000,
                        result.at("/result/latency_us/unresolved/3/needed_runs").asLong(),
                        result.toString());
                assertTrue(result.at("/result/conditions/cpus/allowed").isTextual(), result.toString());
                System.out.println("real bench over mqtt: model=" + model + " runtime="
                        + result.at("/result/runtime").asText() + " latency_us=" + result.at("/result/latency_us"));
            }
        }
    }

    /**
     * compare over MQTT with the production executor and probes: the forged pair as two lanes in real workers, the
     * CompareReport (both lanes, the agreement of the pair) on result/&lt;job_id&gt;, progress on the job's topic;
     * inspect of the .tflite; rejections that name models by file name, never by the models dir's path.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void compareAndInspectOverMqtt_forgedPair_realWorkers() throws Exception {
        Forge.Result forged = Forge.forge(ForgeSpec.tiny(), tmp.resolve("forged"));
        Path data = tmp.resolve("data");
        Path models = Files.createDirectories(data.resolve("models"));
        Files.copy(forged.tflite(), models.resolve("tiny.tflite"));
        Files.copy(forged.onnx(), models.resolve("tiny.onnx"));
        Files.write(models.resolve("zip.tflite"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
        HostProbes probes = HostProbes.detect(null);
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url());
                AgentHarness agent = new AgentHarness(
                        broker.url(),
                        "real2",
                        data,
                        new BenchJobExecutor(models, null, new BenchRunner()),
                        null,
                        probes,
                        4,
                        true)) {
            client.subscribe("edgebench/real2/#");
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> !client.on(Topics.status("real2")).isEmpty());
            JsonNode status = client.on(Topics.status("real2")).get(0).json();
            assertEquals(
                    Json.mapper().valueToTree(EdgeTpuProbe.probe().acceleratorIds()),
                    status.get("accelerators"),
                    status.toString());

            JsonNode inspect = client.request(Topics.cmd("real2", Topics.INSPECT), "{\"model\":\"tiny.tflite\"}", WAIT);
            assertTrue(inspect.get("ok").asBoolean(), inspect.toString());
            assertEquals("tflite", inspect.at("/data/format").asText(), inspect.toString());
            assertEquals("tiny.tflite", inspect.at("/data/path").asText(), inspect.toString());
            assertTrue(inspect.at("/data/inputs").size() >= 1, inspect.toString());
            assertFalse(inspect.toString().contains(tmp.toString()), inspect.toString());

            JsonNode bad = client.request(Topics.cmd("real2", Topics.INSPECT), "{\"model\":\"zip.tflite\"}", WAIT);
            assertFalse(bad.get("ok").asBoolean(), bad.toString());
            assertTrue(bad.get("error").asText().contains("zip.tflite"), bad.toString());
            assertFalse(bad.toString().contains(tmp.toString()), bad.toString());

            JsonNode noLane = client.request(
                    Topics.cmd("real2", Topics.COMPARE),
                    "{\"models\":[\"tiny.onnx\"],\"delegates\":[\"tflite:cpu\"]}",
                    WAIT);
            assertEquals(Topics.ERR_BAD_REQUEST, noLane.path("code").asText(), noLane.toString());
            assertTrue(noLane.get("error").asText().contains("[tiny.onnx]"), noLane.toString());
            assertFalse(noLane.toString().contains(tmp.toString()), noLane.toString());

            JsonNode accepted = client.request(
                    Topics.cmd("real2", Topics.COMPARE),
                    "{\"models\":[\"tiny.tflite\","
                            + "\"tiny.onnx\"],\"delegates\":[\"tflite:cpu\",\"onnx:cpu\"],\"runs\":5,\"warmup_runs\":1,"
                            + "\"min_seconds\":0,\"agreement_inputs\":3,\"sample_hz\":0}",
                    WAIT);
            assertTrue(accepted.get("ok").asBoolean(), accepted.toString());
            String jobId = accepted.at("/data/job_id").asText();
            JsonNode result = client.await(Topics.result("real2", jobId), WAIT).json();
            assertEquals("ok", result.get("status").asText(), result.toString());
            assertEquals("compare", result.get("verb").asText(), result.toString());
            JsonNode report = result.get("result");
            assertFalse(result.toString().contains(tmp.toString()), "the models dir's path leaked: " + result);
            assertEquals("tiny.tflite", report.at("/results/0/model/path").asText(), report.toString());
            assertEquals(
                    List.of("tiny.tflite tflite:cpu", "tiny.onnx onnx:cpu"),
                    Json.mapper().convertValue(report.get("lanes"), List.class),
                    report.toString());
            for (JsonNode lane : report.get("results")) {
                assertTrue(lane.path("runs").asLong() >= 5, lane.toString());
            }
            assertEquals(Json.mapper().readTree("[1,2,3]"), report.get("agreement_seeds"), report.toString());
            JsonNode pair = report.at("/agreement/0");
            assertEquals(3, pair.path("inputs").asInt(), report.toString());
            assertFalse(pair.path("flagged").asBoolean(true), report.toString());
            assertEquals(1.0, pair.path("top1_agreement").asDouble(), report.toString());
            assertFalse(client.on(Topics.progress("real2", jobId)).isEmpty(), "no progress for " + jobId);
            // the verdict over the lanes' worker processes, its outcome, and the axes not measured, in the MQTT result
            assertTrue(
                    report.at("/verdicts/0/speedup/method")
                            .asText()
                            .startsWith("Student t over " + VerdictOptions.DEFAULT_FORKS + " worker processes"),
                    report.toString());
            assertTrue(
                    List.of("different", "equivalent", "inconclusive")
                            .contains(report.at("/verdicts/0/speedup/outcome").asText()),
                    report.toString());
            assertEquals(
                    VerdictOptions.DEFAULT_FORKS, report.at("/rounds/processes").asInt(), report.toString());
            // energy is answered on a board with a power source, else it says why; temperature always says why
            boolean energyAnswered = report.at("/verdicts/0/energy_ratio").isObject();
            assertEquals(energyAnswered ? 1 : 2, report.get("not_measured").size(), report.toString());
            assertTrue(report.at("/rounds/count").asInt() >= 1, report.toString());

            // a pinned, --until-ci bench over MQTT: the request fields reach the worker, the result says what happened
            JsonNode pinned = client.request(
                    Topics.cmd("real2", Topics.BENCH),
                    "{\"model\":\"tiny.tflite\","
                            + "\"runs\":20,\"min_seconds\":0,\"sample_hz\":0,\"cpus\":[0],\"until_ci_pct\":50,"
                            + "\"max_other_core_pct\":100000}",
                    WAIT);
            assertTrue(pinned.get("ok").asBoolean(), pinned.toString());
            JsonNode pr = client.await(
                            Topics.result("real2", pinned.at("/data/job_id").asText()), WAIT)
                    .json();
            assertEquals("0", pr.at("/result/conditions/cpus/allowed").asText(), pr.toString());
            assertTrue(pr.at("/result/conditions/until_ci/reached").asBoolean(), pr.toString());
            assertTrue(pr.at("/result/valid").asBoolean(), pr.toString());
            String table = CompareTable.render(Json.mapper().treeToValue(report, CompareReport.class));
            System.out.println("real compare over mqtt:\n" + table);
            assertTrue(table.contains("Output agreement over 3 seeded inputs") && table.contains("[1] vs [2]"), table);
        }
    }
}

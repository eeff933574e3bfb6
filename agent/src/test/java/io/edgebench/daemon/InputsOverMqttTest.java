package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.bench.BenchRunner;
import io.edgebench.inputs.TestFiles;
import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.BranchModel;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs over MQTT with the production executor: inputs/put (checked, confined), models/list lists them, bench and
 * compare name them (and input_values, profile_ops, match); bad inputs are rejected or fail the job with a message
 * naming the input, and the agent keeps serving.
 */
class InputsOverMqttTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String QUICK = "\"runs\":3,\"warmup_runs\":1,\"min_seconds\":0,\"threads\":1";

    @TempDir
    Path tmp;

    private static String put(String name, byte[] data) {
        return "{\"name\":\"" + name + "\",\"size_bytes\":" + data.length + ",\"sha256\":\"" + ModelStore.sha256(data)
                + "\",\"data_base64\":\"" + Base64.getEncoder().encodeToString(data) + "\"}";
    }

    private static JsonNode job(TestClient client, String verb, String body) throws Exception {
        JsonNode accepted = client.request(Topics.cmd("in1", verb), body, WAIT);
        assertTrue(accepted.get("ok").asBoolean(), accepted.toString());
        return client.await(Topics.result("in1", accepted.at("/data/job_id").asText()), WAIT)
                .json();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void inputsPut_benchAndCompareUseThem_badOnesAreRejectedByName() throws Exception {
        Path data = tmp.resolve("data");
        Path models = Files.createDirectories(data.resolve("models"));
        Forge.Result seg =
                Forge.forge(ForgeSpec.of(Arch.SEG, 1.0, null, null, ForgeSpec.Quantize.NONE, 1), tmp.resolve("forged"));
        Files.copy(seg.tflite(), models.resolve("seg.tflite"));
        Files.copy(seg.onnx(), models.resolve("seg.onnx"));
        Files.copy(BranchModel.write(tmp.resolve("branch")), models.resolve("branch.onnx"));
        byte[] png = Files.readAllBytes(TestFiles.png(tmp.resolve("pic.png"), 32, 32, 3));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for requests");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url());
                AgentHarness agent = new AgentHarness(
                        broker.url(),
                        "in1",
                        data,
                        new BenchJobExecutor(models, null, new BenchRunner()),
                        null,
                        HostProbes.detect(null),
                        4,
                        true)) {
            client.subscribe("edgebench/in1/#");
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> !client.on(Topics.status("in1")).isEmpty());

            JsonNode stored = client.request(Topics.cmd("in1", Topics.INPUTS_PUT), put("pic.png", png), WAIT);
            assertTrue(stored.get("ok").asBoolean(), stored.toString());
            JsonNode escape = client.request(Topics.cmd("in1", Topics.INPUTS_PUT), put("../pic.png", png), WAIT);
            assertEquals(Topics.ERR_BAD_REQUEST, escape.path("code").asText(), escape.toString());
            JsonNode list = client.request(Topics.cmd("in1", Topics.MODELS_LIST), "{}", WAIT);
            assertEquals("pic.png", list.at("/data/inputs/0/name").asText(), list.toString());
            assertEquals(png.length, list.at("/data/inputs_dir_bytes").asLong(), list.toString());

            JsonNode bench = job(
                    client,
                    Topics.BENCH,
                    "{\"model\":\"seg.onnx\",\"input\":\"pic.png\"," + "\"profile_ops\":true,\"sample_hz\":0," + QUICK
                            + "}");
            assertEquals("ok", bench.get("status").asText(), bench.toString());
            JsonNode source = bench.at("/result/inputs/0/source");
            assertEquals("image", source.get("kind").asText(), bench.toString());
            assertEquals("pic.png", source.get("file").asText(), bench.toString());
            assertEquals(ModelStore.sha256(png), source.get("sha256").asText(), bench.toString());
            assertEquals("NCHW", source.get("layout").asText(), bench.toString());
            assertTrue(bench.at("/result/op_profile/ops").size() > 5, bench.toString());
            assertFalse(bench.toString().contains(tmp.toString()), "a dir's path leaked: " + bench);

            JsonNode branch = job(
                    client,
                    Topics.BENCH,
                    "{\"model\":\"branch.onnx\",\"input_shapes\":{\"input\":[1,64]},"
                            + "\"input_values\":{\"sr\":16000},\"sample_hz\":0," + QUICK + "}");
            assertEquals("ok", branch.get("status").asText(), branch.toString());

            JsonNode compare = job(
                    client,
                    Topics.COMPARE,
                    "{\"models\":[\"seg.tflite\",\"seg.onnx\"],"
                            + "\"delegates\":[\"tflite:cpu\",\"onnx:cpu\"],\"input\":\"pic.png\",\"agreement_inputs\":2,"
                            + "\"match\":[\"output=output\"]," + QUICK + "}");
            assertEquals("ok", compare.get("status").asText(), compare.toString());
            JsonNode pair = compare.at("/result/agreement/0");
            assertTrue(pair.get("max_abs_error").asDouble() <= 1e-4, pair.toString());
            assertEquals("match", pair.at("/outputs/0/matched_by").asText(), pair.toString());
            // one image for every input: fed once, not agreement_inputs times
            assertEquals(1, compare.at("/result/agreement_seeds").size(), compare.toString());

            JsonNode outside = client.request(
                    Topics.cmd("in1", Topics.BENCH), "{\"model\":\"seg.onnx\"," + "\"input\":\"../secret.txt\"}", WAIT);
            assertEquals(Topics.ERR_BAD_REQUEST, outside.path("code").asText(), outside.toString());
            assertTrue(
                    outside.get("error")
                            .asText()
                            .contains("field \"input\" must be the plain file name of an"
                                    + " input uploaded with inputs/put"),
                    outside.toString());
            Files.createSymbolicLink(InputStore.dirFor(models).resolve("link.png"), secret);
            JsonNode link = client.request(
                    Topics.cmd("in1", Topics.BENCH), "{\"model\":\"seg.onnx\"," + "\"input\":\"link.png\"}", WAIT);
            assertEquals(Topics.ERR_BAD_REQUEST, link.path("code").asText(), link.toString());
            assertTrue(
                    link.get("error").asText().contains("input file [link.png] is a symbolic link"), link.toString());
            JsonNode missing = client.request(
                    Topics.cmd("in1", Topics.BENCH),
                    "{\"model\":\"seg.onnx\"," + "\"inputs\":{\"input\":\"nope.npy\"}}",
                    WAIT);
            assertEquals(Topics.ERR_NOT_FOUND, missing.path("code").asText(), missing.toString());
            JsonNode unknown = client.request(
                    Topics.cmd("in1", Topics.COMPARE),
                    "{\"models\":[\"seg.tflite\"," + "\"seg.onnx\"],\"input_values\":{\"rate\":3}}",
                    WAIT);
            assertEquals(Topics.ERR_BAD_REQUEST, unknown.path("code").asText(), unknown.toString());
            assertTrue(
                    unknown.get("error")
                            .asText()
                            .contains("Input [rate] is named by an input flag, but no model"
                                    + " has an input of that name"),
                    unknown.toString());

            byte[] tiny = TestFiles.floats(new float[12]);
            client.request(Topics.cmd("in1", Topics.INPUTS_PUT), put("small.bin", tiny), WAIT);
            JsonNode wrong = job(
                    client,
                    Topics.BENCH,
                    "{\"model\":\"seg.onnx\",\"input\":\"small.bin\"," + "\"sample_hz\":0," + QUICK + "}");
            assertEquals("failed", wrong.get("status").asText(), wrong.toString());
            assertTrue(
                    wrong.at("/result/error")
                            .asText()
                            .contains("Input [input] file [small.bin] holds 48 bytes;" + " the tensor takes 12288"),
                    wrong.toString());
            assertFalse(wrong.toString().contains(tmp.toString()), "a dir's path leaked: " + wrong);

            JsonNode ping = client.request(Topics.cmd("in1", Topics.PING), "{}", WAIT);
            assertTrue(ping.get("ok").asBoolean(), "the agent keeps serving: " + ping);
        }
    }
}

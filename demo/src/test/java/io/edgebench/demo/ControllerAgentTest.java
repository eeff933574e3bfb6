package io.edgebench.demo;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.broker.EmbeddedBroker;
import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.daemon.Agent;
import io.edgebench.json.Json;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.JobStatus;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The controller against the real agent daemon, both over TCP through the embedded broker. */
@Timeout(value = 120, unit = SECONDS)
class ControllerAgentTest {
    private static final EmbeddedBroker BROKER = new EmbeddedBroker();
    private static final Duration REPLY = Duration.ofSeconds(60); // generous: a loaded 2-core CI machine

    @TempDir
    static Path dir;

    private static Agent agent;
    private static List<Path> pair;

    @BeforeAll
    static void start() throws Exception {
        String url = BROKER.start(0);
        Path models = Files.createDirectories(dir.resolve("models"));
        pair = DemoPieces.forgePair(models);
        agent = (Agent) DemoPieces.startAgent(url, "ctl-test", models, dir.resolve("data"), line -> {});
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        BROKER.close();
    }

    private static Controller controller() throws UnavailableException {
        return Controller.connect(BROKER.url(), null, null, REPLY);
    }

    @Test
    void ping_isAnsweredOnTheControllersResponseTopic() throws Exception {
        try (Controller c = controller()) {
            Controller.Reply reply =
                    c.request("ctl-test", Topics.PING, Json.mapper().createObjectNode(), REPLY);
            assertTrue(reply.ok(), reply.raw().toString());
            assertEquals("ctl-test", reply.deviceId());
            assertTrue(reply.data().path("pong").asBoolean(), reply.raw().toString());
            await().atMost(10, SECONDS).until(() -> AgentState.ONLINE.id().equals(c.status("ctl-test")));
        }
    }

    @Test
    void modelsList_showsTheForgedPair() throws Exception {
        try (Controller c = controller()) {
            Controller.Reply reply =
                    c.request("ctl-test", Topics.MODELS_LIST, Json.mapper().createObjectNode(), REPLY);
            String names = reply.data().path("models").findValuesAsText("name").toString();
            assertTrue(
                    names.contains(pair.get(0).getFileName().toString())
                            && names.contains(pair.get(1).getFileName().toString()),
                    names);
        }
    }

    @Test
    void badRequest_isRejectedWithTheFieldNamed() throws Exception {
        try (Controller c = controller()) {
            Controller.Reply reply = c.request(
                    "ctl-test",
                    Topics.BENCH,
                    Json.mapper()
                            .createObjectNode()
                            .put("model", pair.get(0).getFileName().toString())
                            .put("runs", 0),
                    REPLY);
            assertFalse(reply.ok());
            assertEquals(Topics.ERR_BAD_REQUEST, reply.code());
            assertTrue(reply.error().contains("runs"), reply.error());
        }
    }

    @Test
    void benchJob_resultComesBackWithProgress() throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        try (Controller c = controller()) {
            Controller.Job job = c.submit(
                    "ctl-test",
                    Topics.BENCH,
                    Json.mapper()
                            .createObjectNode()
                            .put("model", pair.get(0).getFileName().toString())
                            .put("runs", 5)
                            .put("min_seconds", 0)
                            .put("warmup_seconds", 0)
                            .put("sample_hz", 0),
                    REPLY,
                    p -> phases.add(p.path("phase").asText()));
            assertTrue(job.reply().ok(), job.reply().raw().toString());
            JsonNode message = c.awaitResult(job, Duration.ofSeconds(90));
            assertEquals(job.jobId(), message.path("job_id").asText());
            assertEquals(JobStatus.OK.id(), message.path("status").asText(), message.toString());
            assertEquals("tflite", message.path("result").path("runtime").asText(), message.toString());
            assertTrue(message.path("result").path("latency_us").path("p50").asDouble() > 0, message.toString());
            assertTrue(phases.contains("load"), "progress before the result: " + phases);
        }
    }
}

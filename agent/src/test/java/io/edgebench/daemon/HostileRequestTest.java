package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.testkit.FloodClients;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, problem 10 and the "also" list, over a real mosquitto: response topics that point at the agent's own
 * topics, symlinks out of the models dir, internal errors that would name paths, and a flood whose dropped senders
 * must hear about it.
 */
class HostileRequestTest {
    private static final String DEV = "hostile1";
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    private MosquittoBroker broker;
    private TestClient client;
    private AgentKit.Running agent;

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start(tmp.resolve("broker"));
        client = new TestClient(broker.url());
        agent = AgentKit.start(
                broker.url(), DEV, tmp.resolve("data"), new TestExecutor(true), AgentKit.Options.defaults());
        agent.awaitConnected(WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        client.close();
        broker.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void responseTopicOnTheAgentsOwnTopics_isRefused_andNothingIsPublishedThere() throws Exception {
        client.subscribe("edgebench/" + DEV + "/#");
        client.subscribe("edgebench/other/#");
        for (String rt : List.of(
                Topics.cmd(DEV, Topics.PING),
                Topics.status(DEV),
                Topics.result(DEV, "x"),
                "edgebench/other/cmd/ping")) {
            client.publish(Topics.cmd(DEV, Topics.PING), "{}", rt, "c1".getBytes(StandardCharsets.UTF_8));
            TestClient.Received r = Awaitility.await("rejection on the agent's reply topic")
                    .atMost(WAIT)
                    .until(
                            () -> client.on(Topics.reply(DEV)).stream()
                                    .filter(m -> m.payload().contains(rt))
                                    .findFirst()
                                    .orElse(null),
                            m -> m != null);
            JsonNode reply = r.json();
            assertEquals(Topics.ERR_BAD_REQUEST, reply.get("code").asText(), reply.toString());
            assertTrue(reply.get("error").asText().contains("is not allowed"), reply.toString());
        }
        // One message on cmd/ping: the test's own request; no copy published by the agent (it would run again).
        assertEquals(4, client.on(Topics.cmd(DEV, Topics.PING)).size());
        assertTrue(client.on(Topics.result(DEV, "x")).isEmpty());
        assertTrue(client.on("edgebench/other/cmd/ping").isEmpty());
        assertTrue(client.on(Topics.status(DEV)).stream().allMatch(m -> m.json().has("state")));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void symlinkInModelsDir_isNotFollowed_byInspectOrBench() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Files.createDirectories(agent.config.modelsDir());
        Files.createSymbolicLink(agent.config.modelsDir().resolve("leak.tflite"), secret);
        for (String verb : List.of(Topics.INSPECT, Topics.BENCH)) {
            JsonNode r = client.request(Topics.cmd(DEV, verb), "{\"model\":\"leak.tflite\"}", WAIT);
            assertFalse(r.get("ok").asBoolean(), r.toString());
            assertEquals(Topics.ERR_NOT_FOUND, r.get("code").asText(), r.toString());
            assertTrue(r.get("error").asText().contains("is a symbolic link"), r.toString());
            assertFalse(r.toString().contains("TOP-SECRET") || r.toString().contains("secret.txt"), r.toString());
        }
        JsonNode list = client.request(Topics.cmd(DEV, Topics.MODELS_LIST), "{}", WAIT);
        assertEquals(0, list.at("/data/models").size(), list.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void internalError_replyCarriesNoAbsolutePath() throws Exception {
        Path models = agent.config.modelsDir();
        Files.delete(models);
        Files.writeString(models, "a file where the models dir should be");
        JsonNode r = client.request(Topics.cmd(DEV, Topics.MODELS_LIST), "{}", WAIT);
        assertEquals(Topics.ERR_INTERNAL, r.get("code").asText(), r.toString());
        assertFalse(r.toString().contains(tmp.toString()), "no data or models path in " + r);
        assertFalse(r.toString().contains(tmp.toRealPath().toString()), r.toString());
        assertTrue(r.get("error").asText().contains("ref="), r.toString());
        assertTrue(agent.logText().contains("command event=internal_error verb=models/list"), agent.logText());
    }

    private List<TestClient.Received> onAll(String prefix) {
        return client.all().stream()
                .filter(m -> m.topic().startsWith(prefix + "/"))
                .toList();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void floodOf5000_droppedSendersHearBusy_andTheStatusCountsDrops() throws Exception {
        String replies = "test/flood5000";
        client.subscribe(Topics.status(DEV));
        client.subscribe(replies + "/+");
        try (FloodClients flood = new FloodClients(broker.url(), 10)) {
            flood.flood(Topics.cmd(DEV, Topics.PING), "{}", replies, 500); // 10 senders x 500 at QoS 0
        }
        Awaitility.await("every command answered or counted")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> onAll(replies).stream()
                                        .filter(m -> m.json().path("ok").asBoolean())
                                        .count()
                                + agent.agent.droppedCommands()
                        >= 5000);
        long ok = onAll(replies).stream()
                .filter(m -> m.json().path("ok").asBoolean())
                .count();
        long busy = onAll(replies).stream()
                .filter(m -> "busy".equals(m.json().path("code").asText()))
                .count();
        long dropped = agent.agent.droppedCommands();
        System.out.printf("flood5000: ok=%d busy_replies=%d dropped=%d%n", ok, busy, dropped);
        assertTrue(dropped > 0, "5000 at once must overflow the 256 backlog");
        assertTrue(busy > 0, "dropped senders are told");
        assertTrue(busy <= dropped, "at most one busy reply per drop");
        assertTrue(ok + busy <= 5000, "replies are bounded by requests");
        Awaitility.await("status counts the drops")
                .atMost(WAIT)
                .until(() -> client.on(Topics.status(DEV)).stream()
                        .anyMatch(m -> m.json().path("commands_dropped").asLong() > 0));
        assertTrue(client.request(Topics.cmd(DEV, Topics.PING), "{}", WAIT)
                .get("ok")
                .asBoolean());
    }
}

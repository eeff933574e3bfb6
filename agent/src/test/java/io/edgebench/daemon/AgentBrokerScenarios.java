package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.testkit.TestBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.CommandParser;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent's protocol against a real broker over TCP; subclasses choose the broker. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class AgentBrokerScenarios {
    private static final java.util.concurrent.atomic.AtomicInteger DEVICES =
            new java.util.concurrent.atomic.AtomicInteger();
    static final Duration WAIT = Duration.ofSeconds(15);

    /** One broker per class (HiveMQ takes ~4 s to stop); each test uses its own device id. */
    static TestBroker broker;

    final String DEV = "dev" + DEVICES.incrementAndGet();

    @TempDir
    Path tmp;

    AgentHarness agent;
    TestClient client;

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    abstract TestBroker startBroker(Path dir) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        if (broker == null) {
            broker = startBroker(java.nio.file.Files.createTempDirectory("edgebench-broker"));
        }
        client = new TestClient(broker.url());
        client.subscribe("edgebench/" + DEV + "/#");
        agent = new AgentHarness(broker.url(), DEV, tmp.resolve("data"), new TestExecutor(true), 4);
        agent.model("m.tflite");
        awaitState(AgentState.ONLINE.id());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** Waits until the latest status message says {@code state}. */
    void awaitState(String state) {
        org.awaitility.Awaitility.await("status " + state)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    var all = client.on(Topics.status(DEV));
                    return !all.isEmpty()
                            && state.equals(
                                    all.get(all.size() - 1).json().path("state").asText());
                });
    }

    JsonNode bench(String body) throws Exception {
        return client.request(Topics.cmd(DEV, Topics.BENCH), body, WAIT);
    }

    @Test
    void ping_repliesOnResponseTopicWithCorrelationData() throws Exception {
        JsonNode reply = client.request(Topics.cmd(DEV, Topics.PING), "{}", WAIT);
        assertTrue(reply.get("ok").asBoolean(), reply.toString());
        assertEquals("ping", reply.get("verb").asText());
        assertEquals(DEV, reply.get("device_id").asText());
        assertTrue(reply.at("/data/pong").asBoolean());
    }

    @Test
    void fleetPing_isAnsweredByTheAgent() throws Exception {
        JsonNode reply = client.request(Topics.fleetCmd(Topics.PING), "{}", WAIT);
        assertEquals(DEV, reply.get("device_id").asText());
    }

    @Test
    void requestWithoutResponseTopic_repliesOnReplyTopic() throws Exception {
        client.publish(Topics.cmd(DEV, Topics.PING), "{}", null, "c-1".getBytes(StandardCharsets.UTF_8));
        TestClient.Received r = client.await(Topics.reply(DEV), WAIT);
        assertEquals("c-1", new String(r.correlationData(), StandardCharsets.UTF_8));
    }

    @Test
    void bench_acceptedThenBusyStatusProgressAndResult() throws Exception {
        JsonNode accepted = bench("{\"model\":\"m.tflite\",\"runs\":7}");
        assertTrue(accepted.get("ok").asBoolean(), accepted.toString());
        String jobId = accepted.at("/data/job_id").asText();
        assertEquals(0, accepted.at("/data/queue_position").asInt());
        awaitState(AgentState.BUSY.id());
        client.await(Topics.progress(DEV, jobId), WAIT);
        agent.executor.release();
        JsonNode result = client.await(Topics.result(DEV, jobId), WAIT).json();
        assertEquals("ok", result.get("status").asText(), result.toString());
        assertEquals(jobId, result.get("job_id").asText());
        assertEquals(7, result.at("/request/runs").asInt());
        assertEquals(1234.5, result.at("/result/latency_us/p50").asDouble(), result.toString());
        awaitState(AgentState.ONLINE.id());
    }

    @Test
    void cancel_queuedAndRunningJobs_reportCancelled() throws Exception {
        bench("{\"model\":\"m.tflite\",\"job_id\":\"run-1\"}");
        JsonNode second = bench("{\"model\":\"m.tflite\",\"job_id\":\"run-2\"}");
        assertEquals(1, second.at("/data/queue_position").asInt());
        JsonNode c2 = client.request(Topics.cmd(DEV, Topics.CANCEL), "{\"job_id\":\"run-2\"}", WAIT);
        assertEquals("queued", c2.at("/data/was").asText(), c2.toString());
        assertEquals(
                "cancelled",
                client.await(Topics.result(DEV, "run-2"), WAIT)
                        .json()
                        .get("status")
                        .asText());
        client.await(Topics.progress(DEV, "run-1"), WAIT);
        JsonNode c1 = client.request(Topics.cmd(DEV, Topics.CANCEL), "{\"job_id\":\"run-1\"}", WAIT);
        assertEquals("running", c1.at("/data/was").asText());
        assertEquals(
                "cancelled",
                client.await(Topics.result(DEV, "run-1"), WAIT)
                        .json()
                        .get("status")
                        .asText());
        JsonNode again = client.request(Topics.cmd(DEV, Topics.CANCEL), "{\"job_id\":\"run-1\"}", WAIT);
        assertEquals("not_found", again.get("code").asText());
    }

    @Test
    void fullQueue_rejectsWithBusy() throws Exception {
        for (int i = 0; i < 5; i++) { // one runs, four (the capacity) wait
            assertTrue(bench("{\"model\":\"m.tflite\"}").get("ok").asBoolean());
        }
        JsonNode rejected = bench("{\"model\":\"m.tflite\"}");
        assertEquals("busy", rejected.get("code").asText(), rejected.toString());
        assertTrue(rejected.get("error").asText().contains("queue is full (4 of 4 waiting)"), rejected.toString());
    }

    @Test
    void badRequests_getClearRejections_andTheAgentKeepsServing() throws Exception {
        String[][] cases = {
            {Topics.BENCH, "{\"model\":", "bad_request", "payload is not valid JSON"},
            {"reboot", "{}", "unknown_verb", "Command [reboot] rejected: unknown verb"},
            {
                Topics.BENCH,
                "{\"model\":\"m.tflite\",\"runs\":\"many\"}",
                "bad_request",
                "field \"runs\" must be an integer 1..100000, got [\"many\"]"
            },
            {
                Topics.BENCH,
                "{\"model\":\"m.tflite\",\"runs\":0}",
                "bad_request",
                "Command [bench] rejected: field \"runs\" must be an integer 1..100000, got [0]. Example: {\"model\":\"ssd.tflite\",\"runs\":50}"
            },
            {Topics.BENCH, "{\"model\":\"../x.tflite\"}", "bad_request", "got [../x.tflite]"},
            {Topics.BENCH, "{\"model\":\"m.tflite\",\"rnus\":5}", "bad_request", "unknown field \"rnus\""},
            {
                Topics.BENCH,
                "{\"model\":\"absent.tflite\"}",
                "not_found",
                "model [absent.tflite] is not in the agent's models dir"
            },
            {Topics.BENCH, "[1,2]", "bad_request", "payload must be a JSON object"},
            {Topics.INSPECT, "{\"model\":\"m.tflite\"}", "not_available", "not available in this build"},
            {Topics.COMPARE, "{\"models\":[\"m.tflite\"]}", "not_available", "not available in this build"},
            {Topics.MODELS_DELETE, "{\"name\":\"..\"}", "bad_request", "got [..]"},
            {
                Topics.PING,
                "x".repeat(70_000),
                "too_large",
                "payload is 70000 bytes, at most " + CommandParser.MAX_SMALL_PAYLOAD_BYTES + " are accepted"
            },
        };
        for (String[] c : cases) {
            JsonNode reply = client.request(Topics.cmd(DEV, c[0]), c[1], WAIT);
            assertFalse(reply.get("ok").asBoolean(), c[1] + " -> " + reply);
            assertEquals(c[2], reply.get("code").asText(), reply.toString());
            assertTrue(reply.get("error").asText().contains(c[3]), "expected [" + c[3] + "] in " + reply);
        }
        assertTrue(client.request(Topics.cmd(DEV, Topics.PING), "{}", WAIT)
                .get("ok")
                .asBoolean());
    }

    @Test
    void models_putListDelete_withSizeAndSha256Checks() throws Exception {
        byte[] data = "TFL3 fake model".getBytes(StandardCharsets.UTF_8);
        String sha = ModelStore.sha256(data);
        String b64 = Base64.getEncoder().encodeToString(data);
        String put = "{\"name\":\"up.tflite\",\"size_bytes\":" + data.length + ",\"sha256\":\"%s\",\"data_base64\":\""
                + b64 + "\"}";
        JsonNode bad = client.request(Topics.cmd(DEV, Topics.MODELS_PUT), put.formatted("0".repeat(64)), WAIT);
        assertEquals("bad_request", bad.get("code").asText());
        assertTrue(bad.get("error").asText().contains("sha256 is " + sha), bad.toString());
        JsonNode ok = client.request(Topics.cmd(DEV, Topics.MODELS_PUT), put.formatted(sha), WAIT);
        assertTrue(ok.get("ok").asBoolean(), ok.toString());
        JsonNode list = client.request(Topics.cmd(DEV, Topics.MODELS_LIST), "{}", WAIT);
        assertTrue(
                list.at("/data/models").toString().contains("\"name\":\"up.tflite\",\"size_bytes\":" + data.length),
                list.toString());
        JsonNode del = client.request(Topics.cmd(DEV, Topics.MODELS_DELETE), "{\"name\":\"up.tflite\"}", WAIT);
        assertTrue(del.at("/data/deleted").asBoolean());
        JsonNode gone = client.request(Topics.cmd(DEV, Topics.MODELS_DELETE), "{\"name\":\"up.tflite\"}", WAIT);
        assertEquals("not_found", gone.get("code").asText());
    }
}

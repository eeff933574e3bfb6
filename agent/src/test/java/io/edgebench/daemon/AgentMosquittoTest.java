package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol scenarios against Debian's mosquitto, plus what the acceptance names: mosquitto_rr and
 * mosquitto_pub as clients, a flood of 10,000 commands.
 */
class AgentMosquittoTest extends AgentBrokerScenarios {
    @Override
    TestBroker startBroker(Path dir) throws Exception {
        return MosquittoBroker.start(dir);
    }

    @Test
    void mosquittoRr_pingGetsAnAnswer() throws Exception {
        Process rr = new ProcessBuilder(
                        MosquittoBroker.client("mosquitto_rr").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(broker.port()),
                        "-V",
                        "5",
                        "-t",
                        Topics.cmd(DEV, Topics.PING),
                        "-e",
                        "test/rr/" + DEV,
                        "-m",
                        "{}",
                        "-W",
                        "10")
                .redirectErrorStream(true)
                .start();
        assertTrue(rr.waitFor(15, TimeUnit.SECONDS));
        String out = new String(rr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, rr.exitValue(), out);
        JsonNode reply = Json.mapper().readTree(out);
        assertTrue(reply.at("/data/pong").asBoolean(), out);
    }

    @Test
    void mosquittoPub_withResponseTopic_startsBench_resultOnResultTopic() throws Exception {
        String responseTopic = "test/pub/" + DEV;
        client.subscribe(responseTopic);
        Process pub = new ProcessBuilder(
                        MosquittoBroker.client("mosquitto_pub").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(broker.port()),
                        "-V",
                        "5",
                        "-q",
                        "1",
                        "-t",
                        Topics.cmd(DEV, Topics.BENCH),
                        "-D",
                        "publish",
                        "response-topic",
                        responseTopic,
                        "-m",
                        "{\"model\":\"m.tflite\",\"runs\":3}")
                .redirectErrorStream(true)
                .start();
        assertTrue(pub.waitFor(15, TimeUnit.SECONDS));
        assertEquals(0, pub.exitValue(), new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        JsonNode accepted = client.await(responseTopic, WAIT).json();
        String jobId = accepted.at("/data/job_id").asText();
        agent.executor.release();
        JsonNode result = client.await(Topics.result(DEV, jobId), WAIT).json();
        assertEquals("ok", result.get("status").asText(), result.toString());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void floodOf10000Commands_isBounded_andPingStillAnswers() throws Exception {
        String replies = "test/flood/" + DEV;
        client.subscribe(replies);
        long heapBefore = usedHeapAfterGc();
        for (int i = 0; i < 10_000; i++) {
            String verb = i % 3 == 0 ? Topics.BENCH : i % 3 == 1 ? Topics.PING : "nonsense";
            client.publish(Topics.cmd(DEV, verb), i % 3 == 0 ? "{\"model\":\"m.tflite\"}" : "{}", replies, null);
        }
        // Every command is either answered or counted as dropped: nothing unbounded piles up.
        Awaitility.await("10000 commands answered or dropped")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.on(replies).size() + agent.agent.droppedCommands() >= 10_000);
        List<TestClient.Received> all = client.on(replies);
        long accepted = all.stream()
                .filter(r -> r.json().get("ok").asBoolean()
                        && Topics.BENCH.equals(r.json().get("verb").asText()))
                .count();
        long busy = all.stream()
                .filter(r -> "busy".equals(r.json().path("code").asText()))
                .count();
        assertTrue(accepted <= 5, "at most one running plus four queued bench jobs, got " + accepted);
        assertTrue(busy > 0 || agent.agent.droppedCommands() > 0, "the flood must hit a bound");
        assertTrue(client.request(Topics.cmd(DEV, Topics.PING), "{}", WAIT)
                .get("ok")
                .asBoolean());
        long heapAfter = usedHeapAfterGc();
        System.out.printf(
                "flood: replies=%d accepted_bench=%d busy=%d dropped=%d heap_before_mb=%.1f heap_after_mb=%.1f%n",
                all.size(), accepted, busy, agent.agent.droppedCommands(), heapBefore / 1e6, heapAfter / 1e6);
        client.clear(); // the recorded replies are the test's memory, not the agent's
        assertTrue(usedHeapAfterGc() - heapBefore < 32L << 20, "heap grew from " + heapBefore + " to " + heapAfter);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Outbox files of the agent (results written but not yet acknowledged). */
    static long outboxFiles(Path dataDir) throws Exception {
        try (var s = Files.list(dataDir.resolve("outbox"))) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}

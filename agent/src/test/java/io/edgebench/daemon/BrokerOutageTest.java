package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's outage: mosquitto is killed (SIGKILL) while a benchmark runs and restarted 20 s later (override with
 * -Dedgebench.outage.s); the job finishes during the outage and its result arrives afterwards, via the durable
 * outbox, which is empty again once the broker acknowledged.
 */
class BrokerOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void brokerKilledMidJob_andRestarted_resultArrivesFromTheOutbox() throws Exception {
        long outageS = Long.getLong("edgebench.outage.s", 20);
        Path data = tmp.resolve("data");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"), true);
                TestClient client = new TestClient(broker.url(), "outage-observer");
                AgentHarness agent = new AgentHarness(broker.url(), "outage1", data, new TestExecutor(true), 4)) {
            client.subscribe("edgebench/outage1/#");
            agent.model("m.tflite");
            Awaitility.await("agent online")
                    .atMost(WAIT)
                    .until(() -> client.on(Topics.status("outage1")).stream()
                            .anyMatch(
                                    r -> "online".equals(r.json().path("state").asText())));
            JsonNode accepted = client.request(Topics.cmd("outage1", Topics.BENCH), "{\"model\":\"m.tflite\"}", WAIT);
            String jobId = accepted.at("/data/job_id").asText();
            client.await(Topics.progress("outage1", jobId), WAIT);
            // Let mosquitto's once-a-second autosave record the observer's session before the kill.
            Awaitility.await().pollDelay(Duration.ofMillis(1500)).until(() -> true);

            broker.kill();
            agent.executor.release();
            Awaitility.await("result stored while the broker is down")
                    .atMost(WAIT)
                    .until(() -> agent.executor.finished() == 1 && AgentMosquittoTest.outboxFiles(data) == 1);
            assertTrue(client.on(Topics.result("outage1", jobId)).isEmpty());
            Thread.sleep(outageS * 1000); // the outage itself, not synchronisation
            broker.restart();

            JsonNode result;
            try {
                result = client.await(Topics.result("outage1", jobId), Duration.ofSeconds(60))
                        .json();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "no result; agent log:\n" + String.join("\n", agent.log) + "\nobserver saw: "
                                + client.all().stream()
                                        .map(TestClient.Received::topic)
                                        .toList(),
                        e);
            }
            assertEquals("ok", result.get("status").asText(), result.toString());
            assertEquals(jobId, result.get("job_id").asText());
            Awaitility.await("outbox emptied after PUBACK")
                    .atMost(WAIT)
                    .until(() -> AgentMosquittoTest.outboxFiles(data) == 0);
            assertFalse(agent.log.stream().noneMatch(l -> l.contains("mqtt event=reconnect_scheduled")));
            System.out.println("outage: outage_s=" + outageS + " reconnect_attempts="
                    + agent.log.stream()
                            .filter(l -> l.contains("reconnect_scheduled"))
                            .count());
        }
    }
}

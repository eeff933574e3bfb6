package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a real child JVM: SIGKILLed while a job runs and started again, it reports that job interrupted and
 * still runs the queued ones; SIGTERM publishes the offline status.
 */
class AgentProcessTest {
    private static final String DEV = "kill1";
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sigkillMidJob_thenRestart_reportsInterrupted_andRunsQueuedJobs() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe("edgebench/" + DEV + "/#");
            Path config = tmp.resolve("agent.yaml");
            Files.writeString(
                    config,
                    "broker_url: " + broker.url() + "\ndevice_id: " + DEV + "\ndata_dir: " + tmp.resolve("data")
                            + "\nqueue_capacity: 4\n");
            Files.createDirectories(tmp.resolve("data/models"));
            Files.write(tmp.resolve("data/models/m.tflite"), new byte[] {1});

            Process first = startAgent(config, "first");
            awaitLatestState(client, AgentState.ONLINE.id());
            for (String[] job : new String[][] {{"a", "60"}, {"b", "0.2"}, {"c", "0.2"}}) {
                JsonNode r = client.request(
                        Topics.cmd(DEV, Topics.BENCH),
                        "{\"model\":\"m.tflite\",\"job_id\":\"" + job[0] + "\",\"min_seconds\":" + job[1] + "}",
                        WAIT);
                assertTrue(r.get("ok").asBoolean(), r.toString());
            }
            client.await(Topics.progress(DEV, "a"), WAIT);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            awaitLatestState(client, AgentState.OFFLINE.id()); // the broker published the retained will

            Process second = startAgent(config, "second");
            try {
                JsonNode a = client.await(Topics.result(DEV, "a"), WAIT).json();
                assertEquals("interrupted", a.get("status").asText(), a.toString());
                assertTrue(a.get("error").asText().contains("the agent stopped while the job ran"), a.toString());
                JsonNode b = client.await(Topics.result(DEV, "b"), WAIT).json();
                JsonNode c = client.await(Topics.result(DEV, "c"), WAIT).json();
                assertEquals("ok", b.get("status").asText(), b.toString());
                assertEquals("ok", c.get("status").asText(), c.toString());
                // Queued jobs keep their order (publish order may differ: results stored while offline go out
                // on connect, next to fresh ones; consumers key on job_id).
                assertTrue(
                        java.time.Instant.parse(b.get("finished_ts").asText())
                                        .compareTo(java.time.Instant.parse(
                                                c.get("started_ts").asText()))
                                <= 0,
                        b + " / " + c);
                awaitLatestState(client, AgentState.ONLINE.id());
            } finally {
                second.destroy(); // SIGTERM: the shutdown hook publishes offline and disconnects
                assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(0, second.exitValue(), "SIGTERM exits 0 (docs/mqtt.md), not 143");
            awaitLatestState(client, AgentState.OFFLINE.id());
            assertTrue(Files.readString(tmp.resolve("second.log")).contains("agent event=stopped"));
        }
    }

    private Process startAgent(Path config, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-Xmx128m", "-cp", cp, TestAgentMain.class.getName(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile())
                .start();
    }

    private static void awaitLatestState(TestClient client, String state) {
        Awaitility.await("status " + state)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var all = client.on(Topics.status(DEV));
                    return !all.isEmpty()
                            && state.equals(
                                    all.get(all.size() - 1).json().path("state").asText());
                });
    }
}

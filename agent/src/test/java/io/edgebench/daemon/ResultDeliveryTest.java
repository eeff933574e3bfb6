package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.AgentState;
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
 * Issue 10, problems 2, 3 and 5 against a real mosquitto: a result the broker refuses (PUBACK 135 from its ACL)
 * stays in the outbox and arrives once the ACL allows it; a result that cannot be stored is published from memory
 * and no job runs twice after a restart; a client job_id is accepted once, also across restarts; a result nobody was
 * subscribed to (PUBACK 0x10) stays in the outbox until someone is.
 */
class ResultDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void pubackNotAuthorized_keepsResult_andDeliversItOnceAllowed() throws Exception {
        String dev = "acl1";
        Path acl = tmp.resolve("acl");
        Files.writeString(acl, "topic readwrite #\ntopic deny edgebench/" + dev + "/result/#\n");
        Path data = tmp.resolve("data");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"), false, List.of("acl_file " + acl));
                TestClient client = new TestClient(broker.url());
                AgentKit.Running a =
                        AgentKit.start(broker.url(), dev, data, new TestExecutor(true), AgentKit.Options.defaults())) {
            client.subscribe("edgebench/" + dev + "/#");
            a.model("m.tflite");
            AgentKit.awaitState(client, dev, AgentState.ONLINE.id(), WAIT);
            String jobId = client.request(
                            Topics.cmd(dev, Topics.BENCH), "{\"model\":\"m.tflite\",\"job_id\":\"j1\"}", WAIT)
                    .at("/data/job_id")
                    .asText();
            a.executor.release();
            Awaitility.await("PUBACK 135 logged").atMost(WAIT).until(() -> a.logged("reason_code=135") > 0);
            assertEquals(1, AgentMosquittoTest.outboxFiles(data), "refused result kept: " + a.logText());
            assertTrue(a.logText().contains("not authorized"), a.logText());
            assertEquals(1, a.agent.refusedResults());
            assertTrue(client.on(Topics.result(dev, jobId)).isEmpty());

            Files.writeString(acl, "topic readwrite #\n");
            broker.reload(); // SIGHUP: the new ACL applies; the agent's periodic sweep (30 s) publishes again
            JsonNode result;
            try {
                result = client.await(Topics.result(dev, jobId), Duration.ofSeconds(60))
                        .json();
            } catch (RuntimeException e) {
                throw new AssertionError("agent log:\n" + a.logText(), e);
            }
            assertEquals("ok", result.get("status").asText(), result.toString());
            Awaitility.await("outbox empty").atMost(WAIT).until(() -> AgentMosquittoTest.outboxFiles(data) == 0);
        }
    }

    /**
     * A result published while nobody subscribes to results (mosquitto answers PUBACK 0x10 and drops it, as after a
     * broker restart before the collectors resubscribed) stays in the outbox and arrives once someone subscribes.
     */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void pubackNoMatchingSubscribers_keepsResult_andDeliversItToTheNextSubscriber() throws Exception {
        String dev = "unheard1";
        Path data = tmp.resolve("data");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url());
                TestClient collector = new TestClient(broker.url());
                AgentKit.Running a =
                        AgentKit.start(broker.url(), dev, data, new TestExecutor(true), AgentKit.Options.defaults())) {
            client.subscribe(Topics.status(dev)); // not the results
            a.model("m.tflite");
            AgentKit.awaitState(client, dev, AgentState.ONLINE.id(), WAIT);
            assertTrue(client.request(Topics.cmd(dev, Topics.BENCH), "{\"model\":\"m.tflite\",\"job_id\":\"j1\"}", WAIT)
                    .get("ok")
                    .asBoolean());
            a.executor.release();
            Awaitility.await("PUBACK 0x10 logged")
                    .atMost(WAIT)
                    .until(() -> a.logged("outbox event=no_subscriber job_id=j1") > 0);
            assertEquals(1, AgentMosquittoTest.outboxFiles(data), "unheard result kept: " + a.logText());
            assertEquals(0, a.logged("outbox event=acknowledged job_id=j1"), a.logText());

            collector.subscribe(Topics.resultFilter(dev)); // the agent's 30 s sweep publishes it again
            JsonNode result;
            try {
                result = collector
                        .await(Topics.result(dev, "j1"), Duration.ofSeconds(60))
                        .json();
            } catch (RuntimeException e) {
                throw new AssertionError("agent log:\n" + a.logText(), e);
            }
            assertEquals("j1", result.get("job_id").asText(), result.toString());
            Awaitility.await("outbox empty").atMost(WAIT).until(() -> AgentMosquittoTest.outboxFiles(data) == 0);
            assertEquals(1, collector.on(Topics.result(dev, "j1")).size(), "delivered once");
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void resultNotStorable_isPublishedAnyway_andNoJobRunsTwiceAfterRestart() throws Exception {
        String dev = "full1";
        Path data = tmp.resolve("data");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe("edgebench/" + dev + "/#");
            try (AgentKit.Running a =
                    AgentKit.start(broker.url(), dev, data, new TestExecutor(true), AgentKit.Options.defaults())) {
                a.model("m.tflite");
                AgentKit.awaitState(client, dev, AgentState.ONLINE.id(), WAIT);
                for (String id : List.of("a", "b")) {
                    assertTrue(client.request(
                                    Topics.cmd(dev, Topics.BENCH),
                                    "{\"model\":\"m.tflite\",\"job_id\":\"" + id + "\"}",
                                    WAIT)
                            .get("ok")
                            .asBoolean());
                }
                client.await(Topics.progress(dev, "a"), WAIT);
                // The outbox cannot take files (as on a full or read-only disk; works as root too).
                Path outbox = data.resolve("outbox");
                Files.delete(outbox);
                Files.writeString(outbox, "not a directory");
                a.executor.release();
                JsonNode ra = client.await(Topics.result(dev, "a"), WAIT).json();
                assertEquals("ok", ra.get("status").asText(), ra.toString());
                assertTrue(a.logged("outbox event=store_failed job_id=a") > 0, a.logText());
                Files.delete(outbox);
                Files.createDirectories(outbox);
                client.await(Topics.progress(dev, "b"), WAIT);
                a.executor.release();
                client.await(Topics.result(dev, "b"), WAIT);
                Awaitility.await("job files gone").atMost(WAIT).until(() -> jobFiles(data) == 0);
            }
            TestExecutor second = new TestExecutor(true);
            try (AgentKit.Running b = AgentKit.start(broker.url(), dev, data, second, AgentKit.Options.defaults())) {
                b.awaitConnected(WAIT);
                assertTrue(client.request(Topics.cmd(dev, Topics.PING), "{}", WAIT)
                        .get("ok")
                        .asBoolean());
                assertEquals(0, second.started(), "no job ran again after the restart: " + b.logText());
            }
            assertEquals(1, client.on(Topics.result(dev, "a")).size(), "exactly one result for a");
            assertEquals(1, client.on(Topics.result(dev, "b")).size(), "exactly one result for b");
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void clientJobId_isAcceptedOnce_alsoAfterItFinished_andAfterRestart() throws Exception {
        String dev = "ids1";
        Path data = tmp.resolve("data");
        String bench = "{\"model\":\"m.tflite\",\"job_id\":\"once\"}";
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe("edgebench/" + dev + "/#");
            try (AgentKit.Running a =
                    AgentKit.start(broker.url(), dev, data, new TestExecutor(true), AgentKit.Options.defaults())) {
                a.model("m.tflite");
                AgentKit.awaitState(client, dev, AgentState.ONLINE.id(), WAIT);
                assertTrue(client.request(Topics.cmd(dev, Topics.BENCH), bench, WAIT)
                        .get("ok")
                        .asBoolean());
                a.executor.release();
                client.await(Topics.result(dev, "once"), WAIT);
                Awaitility.await("idle")
                        .atMost(WAIT)
                        .until(() -> client.request(Topics.cmd(dev, Topics.PING), "{}", WAIT)
                                .at("/data/current_job")
                                .isMissingNode());
                JsonNode again = client.request(Topics.cmd(dev, Topics.BENCH), bench, WAIT);
                assertFalse(again.get("ok").asBoolean(), again.toString());
                assertEquals(Topics.ERR_BAD_REQUEST, again.get("code").asText());
                assertTrue(again.get("error").asText().contains("job_id [once] was already used"), again.toString());
            }
            try (AgentKit.Running b =
                    AgentKit.start(broker.url(), dev, data, new TestExecutor(true), AgentKit.Options.defaults())) {
                b.awaitConnected(WAIT);
                JsonNode afterRestart;
                try {
                    afterRestart = client.request(Topics.cmd(dev, Topics.BENCH), bench, WAIT);
                } catch (RuntimeException e) {
                    throw new AssertionError("agent log:\n" + b.logText(), e);
                }
                assertEquals(Topics.ERR_BAD_REQUEST, afterRestart.path("code").asText(), afterRestart.toString());
            }
            assertEquals(1, client.on(Topics.result(dev, "once")).size());
        }
    }

    private static long jobFiles(Path data) throws Exception {
        try (var s = Files.list(data.resolve("jobs"))) {
            return s.filter(p -> !p.getFileName().toString().equals("used-job-ids"))
                    .count();
        }
    }
}

package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.JobStatus;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into real processes while jobs are accepted, queued and running; each case asserts the suite's one
 * invariant ({@link #assertEachJobEndedOnce}): every accepted job ends in exactly one terminal state that reaches a
 * subscriber, nothing is lost, and duplicates (at-least-once delivery) carry the same job_id and the same content.
 * Other fault cases live next to the bug they once showed: ReconnectTest (broker SIGSTOPped, silent endpoint,
 * duplicate device ids), ResultDeliveryTest (ACL refusals, unstorable results), AgentProcessTest (agent SIGKILLed),
 * BrokerOutageTest (broker SIGKILLed mid-job), OversizedPayloadTest (packets too large).
 */
@Tag("slow")
class FaultInjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** Faults survived in this JVM, printed for README's Reliability figures. */
    static int faults;

    static void assertEachJobEndedOnce(TestClient client, String dev, List<String> jobIds) {
        Set<String> terminal =
                Set.of(JobStatus.OK.id(), JobStatus.FAILED.id(), JobStatus.CANCELLED.id(), JobStatus.INTERRUPTED.id());
        for (String id : jobIds) {
            Awaitility.await("a result for " + id)
                    .atMost(WAIT)
                    .until(() -> !client.on(Topics.result(dev, id)).isEmpty());
            List<TestClient.Received> copies = client.on(Topics.result(dev, id));
            JsonNode first = copies.get(0).json();
            assertEquals(id, first.get("job_id").asText());
            assertTrue(terminal.contains(first.get("status").asText()), first.toString());
            for (TestClient.Received r : copies) {
                assertEquals(copies.get(0).payload(), r.payload(), "a duplicate of " + id + " differs");
            }
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        client.all().stream()
                .filter(r -> r.topic().startsWith("edgebench/" + dev + "/result/"))
                .forEach(r -> seen.merge(r.json().get("job_id").asText(), 1, Integer::sum));
        assertEquals(Set.copyOf(jobIds), seen.keySet(), "results only for accepted jobs, none lost");
    }

    private static void submit(TestClient client, String dev, String id, double seconds) throws Exception {
        JsonNode r = client.request(
                Topics.cmd(dev, Topics.BENCH),
                "{\"model\":\"m.tflite\",\"job_id\":\"" + id + "\",\"min_seconds\":" + seconds + "}",
                WAIT);
        assertTrue(r.get("ok").asBoolean(), r.toString());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void agentSigtermedMidJob_thenRestarted_runningJobInterrupted_queuedJobsRun() throws Exception {
        String dev = "term1";
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("models"));
        Files.write(data.resolve("models/m.tflite"), new byte[] {1});
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe("edgebench/" + dev + "/#");
            Path config = AgentKit.config(tmp, broker.url(), dev, data);
            Process first = AgentKit.child(config, tmp.resolve("first.log"), "96m");
            AgentKit.awaitState(client, dev, AgentState.ONLINE.id(), WAIT);
            submit(client, dev, "long", 60);
            submit(client, dev, "q1", 0.2);
            submit(client, dev, "q2", 0.2);
            client.await(Topics.progress(dev, "long"), WAIT);
            first.destroy(); // SIGTERM
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, first.exitValue(), "SIGTERM exits 0");
            faults++;
            JsonNode interrupted =
                    client.await(Topics.result(dev, "long"), WAIT).json();
            assertEquals(JobStatus.INTERRUPTED.id(), interrupted.get("status").asText(), interrupted.toString());
            Process second = AgentKit.child(config, tmp.resolve("second.log"), "96m");
            try {
                assertEachJobEndedOnce(client, dev, List.of("long", "q1", "q2"));
            } finally {
                second.destroy();
                AgentKit.reap(second, 30);
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void brokerKilledTwiceWhileJobsRun_resultsWaitInTheOutbox_everyJobEndsOnce() throws Exception {
        String dev = "flap1";
        List<String> ids = List.of("f1", "f2", "f3", "f4");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"), true);
                TestClient client = new TestClient(broker.url(), "fault-observer");
                AgentKit.Running a = AgentKit.start(
                        broker.url(), dev, tmp.resolve("data"), new TestExecutor(true), AgentKit.Options.defaults())) {
            client.subscribe("edgebench/" + dev + "/#");
            a.model("m.tflite");
            a.awaitConnected(WAIT);
            for (String id : ids) {
                submit(client, dev, id, 0);
            }
            for (int i = 0; i < 2; i++) {
                String running = ids.get(i);
                client.await(Topics.progress(dev, running), WAIT);
                Awaitility.await().pollDelay(Duration.ofMillis(1500)).until(() -> true); // autosave the sessions
                broker.kill();
                faults++;
                a.executor.release(); // the job ends during the outage: its result waits in the outbox
                int stored = i + 1;
                Awaitility.await("result stored while the broker is down")
                        .atMost(WAIT)
                        .until(() -> a.executor.finished() == stored);
                broker.restart();
            }
            a.executor.release();
            a.executor.release();
            assertEachJobEndedOnce(client, dev, ids);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void realFullDisk_tmpfs_resultStillArrives_andJobsDoNotRunTwice() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path outbox = Files.createDirectories(data.resolve("outbox"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", outbox.toString())
                .redirectErrorStream(true)
                .start();
        Assumptions.assumeTrue(
                mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?)");
        String dev = "tmpfs1";
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe("edgebench/" + dev + "/#");
            try (AgentKit.Running a =
                    AgentKit.start(broker.url(), dev, data, new TestExecutor(true), AgentKit.Options.defaults())) {
                a.model("m.tflite");
                a.awaitConnected(WAIT);
                Files.write(outbox.resolve("fill"), new byte[64 * 1024 - 1]); // leaves no room for a result
                submit(client, dev, "d1", 0);
                a.executor.release();
                assertEachJobEndedOnce(client, dev, List.of("d1"));
                assertTrue(a.logged("outbox event=store_failed job_id=d1") > 0, a.logText());
                faults++;
            }
            TestExecutor second = new TestExecutor(true);
            try (AgentKit.Running b = AgentKit.start(broker.url(), dev, data, second, AgentKit.Options.defaults())) {
                b.awaitConnected(WAIT);
                assertTrue(client.request(Topics.cmd(dev, Topics.PING), "{}", WAIT)
                        .get("ok")
                        .asBoolean());
                assertEquals(0, second.started(), b.logText());
            }
            assertEquals(1, client.on(Topics.result(dev, "d1")).size());
        } finally {
            new ProcessBuilder("umount", outbox.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fault-injection: faults_injected_and_survived=" + faults);
    }
}

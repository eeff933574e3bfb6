package io.edgebench.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.daemon.WatchdogAgentMain;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under a fake systemd: READY=1, then WATCHDOG=1 at half of WATCHDOG_USEC while healthy; once its job
 * queue is stuck (a job that outlived its bound) it stops pinging, though the process still runs, so systemd's
 * WatchdogSec would kill and restart it.
 */
class SystemdWatchdogTest {
    private static final String DEV = "wd1";
    private static final long WATCHDOG_USEC = 600_000; // pings every 300 ms
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void healthyAgent_pingsAtHalfTheTimeout_thenStuckQueue_stopsPinging() throws Exception {
        String socket = tmp.resolve("notify.sock").toString();
        try (NotifyListener systemd = NotifyListener.start(socket);
                MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe("edgebench/" + DEV + "/#");
            Path config = tmp.resolve("agent.yaml");
            Files.writeString(
                    config,
                    "broker_url: " + broker.url() + "\ndevice_id: " + DEV + "\ndata_dir: " + tmp.resolve("data")
                            + "\n");
            Files.createDirectories(tmp.resolve("data/models"));
            Files.write(tmp.resolve("data/models/m.tflite"), new byte[] {1});
            Process agent = startAgent(config, socket);
            try {
                Awaitility.await("READY=1").atMost(WAIT).until(() -> systemd.count("READY=1|STATUS=serving") == 1);
                Awaitility.await("10 pings").atMost(WAIT).until(() -> systemd.count("WATCHDOG=1") >= 10);
                long medianGapMs = medianGapMs(systemd.received());
                long intervalMs = WATCHDOG_USEC / 2000;
                System.out.println("watchdog median ping gap " + medianGapMs + " ms, interval " + intervalMs + " ms");
                assertTrue(
                        medianGapMs >= intervalMs / 2 && medianGapMs <= intervalMs * 2,
                        "median gap " + medianGapMs + " ms, expected about " + intervalMs + " ms");

                JsonNode r = client.request(
                        Topics.cmd(DEV, Topics.BENCH),
                        "{\"model\":\"m.tflite\",\"job_id\":"
                                + "\"wedged\",\"min_seconds\":0,\"max_seconds\":0.1,\"warmup_seconds\":0}",
                        WAIT);
                assertTrue(r.get("ok").asBoolean(), r.toString());
                Awaitility.await("STATUS=unhealthy")
                        .atMost(WAIT)
                        .until(() -> systemd.received().stream()
                                .anyMatch(
                                        d -> d.text().startsWith("STATUS=unhealthy: job queue: job [wedged] has run")));
                long pings = systemd.count("WATCHDOG=1");
                // ten intervals without a ping, the agent alive throughout: the silence is the health check's
                Awaitility.await("no pings")
                        .during(Duration.ofMillis(intervalMs * 10))
                        .atMost(WAIT)
                        .until(() -> systemd.count("WATCHDOG=1") == pings && agent.isAlive());
                assertTrue(Files.readString(tmp.resolve("agent.log"))
                        .contains("systemd event=unhealthy watchdog=stopped"
                                + " reason=\"job queue: job [wedged] has run"));
            } finally {
                agent.destroy();
                assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
            }
            Awaitility.await("STOPPING=1").atMost(WAIT).until(() -> systemd.count("STOPPING=1") == 1);
        }
    }

    @Test
    @Timeout(60)
    void abstractSocket_receivesTheMessage() throws Exception {
        String socket = "@edgebench-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NotifyListener systemd = NotifyListener.start(socket)) {
            SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socket)).send("READY=1\nSTATUS=x");
            Awaitility.await().atMost(WAIT).until(() -> systemd.count("READY=1|STATUS=x") == 1);
        }
    }

    @Test
    void send_toMissingSocket_saysWhichAndWhy() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                java.io.IOException.class,
                () -> SdNotify.fromEnvironment(Map.of(
                                "NOTIFY_SOCKET", tmp.resolve("absent.sock").toString()))
                        .send("READY=1"));
        assertTrue(
                e.getMessage().startsWith("sd_notify: sendto [" + tmp.resolve("absent.sock") + "] failed: "),
                e.getMessage());
    }

    @Test
    void watchdogTimeout_followsWatchdogUsecAndPid() {
        assertEquals(Duration.ofSeconds(30), Watchdog.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000"), 7));
        assertEquals(
                Duration.ofSeconds(30),
                Watchdog.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 7));
        assertNull(Watchdog.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "8"), 7));
        assertNull(Watchdog.watchdogTimeout(Map.of("WATCHDOG_USEC", "0"), 7));
        assertNull(Watchdog.watchdogTimeout(Map.of("WATCHDOG_USEC", "soon"), 7));
        assertNull(Watchdog.watchdogTimeout(Map.of(), 7));
        assertNull(SdNotify.fromEnvironment(Map.of()));
    }

    private static long medianGapMs(List<NotifyListener.Datagram> all) {
        List<Long> at = all.stream()
                .filter(d -> d.text().equals("WATCHDOG=1"))
                .map(NotifyListener.Datagram::atMs)
                .toList();
        long[] gaps = new long[at.size() - 1];
        for (int i = 1; i < at.size(); i++) {
            gaps[i - 1] = at.get(i) - at.get(i - 1);
        }
        java.util.Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    private Process startAgent(Path config, String socket) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", WatchdogAgentMain.class.getName(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("agent.log").toFile());
        // the class path through CLASSPATH: a long command line crashes ONNX Runtime (see the stack notes)
        pb.environment()
                .put(
                        "CLASSPATH",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        pb.environment().put("NOTIFY_SOCKET", socket);
        pb.environment().put("WATCHDOG_USEC", Long.toString(WATCHDOG_USEC));
        pb.environment().put("EDGEBENCH_JOB_STUCK_SLACK_S", "0.5");
        pb.environment().remove("WATCHDOG_PID");
        return pb.start();
    }
}

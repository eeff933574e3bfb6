package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.link.Backoff;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, problems 6 and 7: a hung broker (SIGSTOP) or an endpoint that accepts TCP and never answers must not
 * wedge the reconnect loop ("Connect already in progress"); two agents with one device id must back off with a
 * clear log line and a status counter instead of taking the session from each other many times a minute.
 */
class ReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void brokerHung_thenResumed_agentServesAgainWithinSeconds() throws Exception {
        String dev = "hung1";
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                AgentKit.Running a = AgentKit.start(
                        broker.url(),
                        dev,
                        tmp.resolve("data"),
                        new TestExecutor(true),
                        AgentKit.Options.defaults().keepAlive(5))) {
            a.awaitConnected(WAIT);
            broker.pause();
            try {
                // Long enough for keep-alive to declare the link dead and for several attempts to time out.
                Awaitility.await("link lost while the broker hangs")
                        .atMost(WAIT)
                        .until(() -> a.logged("event=disconnected") > 0);
                Thread.sleep(15_000); // the hang itself, not synchronisation
            } finally {
                broker.resume();
            }
            try (TestClient client = new TestClient(broker.url())) {
                Awaitility.await("agent answers again")
                        .atMost(Duration.ofSeconds(30))
                        .ignoreExceptions()
                        .until(() -> client.request(Topics.cmd(dev, Topics.PING), "{}", Duration.ofSeconds(3))
                                .get("ok")
                                .asBoolean());
            }
            assertEquals(0, a.logged("already in progress"), a.logText());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void silentEndpoint_isRetriedWithATimeout_notTriedOnceAndForgotten() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(
                    () -> {
                        try {
                            while (!silent.isClosed()) {
                                held.add(silent.accept()); // accept, never answer
                                accepted.incrementAndGet();
                            }
                        } catch (java.io.IOException closed) {
                            // test over
                        }
                    },
                    "silent-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "tcp://127.0.0.1:" + silent.getLocalPort();
            try (AgentKit.Running a = AgentKit.start(
                    url, "silent1", tmp.resolve("data"), new TestExecutor(true), AgentKit.Options.defaults())) {
                Awaitility.await("three connection attempts")
                        .atMost(Duration.ofSeconds(45))
                        .until(() -> accepted.get() >= 3);
                assertTrue(a.logText().contains("timed out") || a.logText().contains("Timed out"), a.logText());
                assertEquals(0, a.logged("already in progress"), a.logText());
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void duplicateDeviceId_backsOff_logsWhy_andCountsInStatus() throws Exception {
        String dev = "twin1";
        AgentKit.Options o = AgentKit.Options.defaults().takeoverBackoff(new Backoff(4000, 8000, () -> 1.0));
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe(Topics.status(dev));
            try (AgentKit.Running a = AgentKit.start(broker.url(), dev, tmp.resolve("a"), new TestExecutor(true), o);
                    AgentKit.Running b =
                            AgentKit.start(broker.url(), dev, tmp.resolve("b"), new TestExecutor(true), o)) {
                Thread.sleep(15_000); // observe the pair for a while: that is the measurement
                long connects = a.logged("mqtt event=connected") + b.logged("mqtt event=connected");
                long takeovers = a.logged("session_taken_over") + b.logged("session_taken_over");
                assertTrue(takeovers >= 1, a.logText() + "\n---\n" + b.logText());
                // 3 flaps each before backing off 4..8 s: about 8 connects in 15 s, not one every 100 ms.
                assertTrue(
                        connects <= 10, "connects in 15 s: " + connects + "\n" + a.logText() + "\n---\n" + b.logText());
                assertTrue(a.logText().contains("another agent connected with the same device_id")
                        || b.logText().contains("another agent connected with the same device_id"));
                Awaitility.await("status carries the takeover count")
                        .atMost(WAIT)
                        .until(() -> client.on(Topics.status(dev)).stream()
                                .anyMatch(
                                        r -> r.json().path("session_takeovers").asLong() >= 1));
            }
        }
    }
}

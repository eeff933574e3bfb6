package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.controller.Controller;
import io.edgebench.json.Json;
import io.edgebench.testkit.FloodClients;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: 200 agents in one JVM against one mosquitto, all answering one fleet ping and all running one fleet bench;
 * then a flood from 20 clients at one agent (replies bounded, dropped senders told). Prints the figures README's
 * Reliability section quotes (fleet size held, reply latency, heap before/after the flood).
 */
@Tag("slow")
class FleetLoadTest {
    private static final int FLEET = 200;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void fleetOf200_answersOneFleetCommand_andRunsOneFleetBench() throws Exception {
        List<AgentKit.Running> agents = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient watcher = new TestClient(broker.url())) {
            watcher.subscribe("edgebench/+/result/+");
            try {
                for (int i = 0; i < FLEET; i++) {
                    AgentKit.Running a = AgentKit.start(
                            broker.url(),
                            String.format("load%03d", i),
                            tmp.resolve("a" + i),
                            new TestExecutor(false),
                            AgentKit.Options.defaults());
                    a.model("m.tflite");
                    agents.add(a);
                }
                for (AgentKit.Running a : agents) {
                    a.awaitConnected(Duration.ofSeconds(60));
                }
                try (Controller c = Controller.connect(broker.url(), null, null, Duration.ofSeconds(10))) {
                    long t0 = System.nanoTime();
                    List<Controller.Reply> pongs =
                            c.requestFleet(Topics.PING, Json.mapper().createObjectNode(), Duration.ofSeconds(15));
                    Set<String> devices =
                            pongs.stream().map(Controller.Reply::deviceId).collect(Collectors.toSet());
                    assertEquals(FLEET, devices.size(), "every agent answered the fleet ping once");
                    assertTrue(pongs.stream().allMatch(Controller.Reply::ok));
                    List<Controller.Reply> accepted = c.requestFleet(
                            Topics.BENCH,
                            (com.fasterxml.jackson.databind.node.ObjectNode)
                                    Json.mapper().readTree("{\"model\":\"m.tflite\",\"min_seconds\":0.2}"),
                            Duration.ofSeconds(15));
                    assertEquals(
                            FLEET,
                            accepted.stream().filter(Controller.Reply::ok).count());
                    Awaitility.await("200 results")
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> watcher.all().size() >= FLEET);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    Set<String> resultDevices = watcher.all().stream()
                            .map(r -> r.json().get("device_id").asText())
                            .collect(Collectors.toSet());
                    assertEquals(FLEET, resultDevices.size());
                    System.out.println("fleet-load: agents=" + FLEET + " pong_replies=" + pongs.size()
                            + " bench_results=" + resultDevices.size() + " ping_and_bench_wall_ms=" + ms);
                }
            } finally {
                for (AgentKit.Running a : agents) {
                    a.close();
                }
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void floodFrom20Clients_isBounded_andEverySenderIsAnsweredOrToldBusy() throws Exception {
        String dev = "flooded1";
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url());
                AgentKit.Running a = AgentKit.start(
                        broker.url(), dev, tmp.resolve("data"), new TestExecutor(true), AgentKit.Options.defaults())) {
            a.awaitConnected(Duration.ofSeconds(30));
            client.subscribe("test/flood20/+");
            long before = heapAfterGc();
            long t0 = System.nanoTime();
            try (FloodClients flood = new FloodClients(broker.url(), 20)) {
                flood.flood(Topics.cmd(dev, Topics.PING), "{}", "test/flood20", 500);
            }
            Awaitility.await("10000 answered or dropped")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> client.all().stream()
                                            .filter(m -> m.json().path("ok").asBoolean())
                                            .count()
                                    + a.agent.droppedCommands()
                            >= 10_000);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long ok = client.all().stream()
                    .filter(m -> m.json().path("ok").asBoolean())
                    .count();
            long busy = client.all().stream()
                    .filter(m -> "busy".equals(m.json().path("code").asText()))
                    .count();
            long t1 = System.nanoTime();
            assertTrue(client.request(Topics.cmd(dev, Topics.PING), "{}", Duration.ofSeconds(30))
                    .get("ok")
                    .asBoolean());
            double pingMs = (System.nanoTime() - t1) / 1e6;
            client.clear();
            long after = heapAfterGc();
            System.out.printf(
                    "flood-load: senders=20 sent=10000 ok=%d busy=%d dropped=%d drain_ms=%d"
                            + " ping_after_ms=%.1f heap_before_mb=%.1f heap_after_mb=%.1f%n",
                    ok, busy, a.agent.droppedCommands(), ms, pingMs, before / 1e6, after / 1e6);
            assertTrue(busy > 0 && busy <= a.agent.droppedCommands());
            assertTrue(after - before < 32L << 20, "heap grew from " + before + " to " + after);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

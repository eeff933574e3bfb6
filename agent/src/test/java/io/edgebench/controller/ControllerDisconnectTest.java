package io.edgebench.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.config.AgentConfig;
import io.edgebench.daemon.AgentRunner;
import io.edgebench.daemon.DeviceProbes;
import io.edgebench.json.Json;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.BrokerSession;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller (send, the demo) whose broker goes away fails at once with the reason instead of waiting out
 * --result-timeout, and receives a result larger than a command's 1 MiB packet limit.
 */
@Tag("slow")
class ControllerDisconnectTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void brokerStops_whileAwaitingResult_failsFastNamingTheLoss() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                Controller controller = Controller.connect(broker.url(), null, null, Duration.ofSeconds(10))) {
            Controller.Job job = new Controller.Job("pi4-lab", "job-1", null, new CompletableFuture<>());
            broker.stop();
            long start = System.nanoTime();
            Controller.UnavailableException e = assertThrows(
                    Controller.UnavailableException.class, () -> controller.awaitResult(job, Duration.ofSeconds(1800)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "waited for the timeout");
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "Connection to broker [" + broker.url() + "] lost while waiting for job [job-1]: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains(Topics.result("pi4-lab", "job-1")), e.getMessage());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void brokerStops_whileAwaitingReply_failsFast() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                Controller controller = Controller.connect(broker.url(), null, null, Duration.ofSeconds(10))) {
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(500);
                    broker.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Controller.UnavailableException e = assertThrows(
                    Controller.UnavailableException.class,
                    () -> controller.request(
                            "pi4-lab", Topics.PING, Json.mapper().createObjectNode(), Duration.ofSeconds(1800)));
            stopped.join();
            assertTrue(e.getMessage().contains("lost while waiting for the reply of device [pi4-lab]"), e.getMessage());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void resultAboveOneMebibyte_reachesTheController() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                Controller controller = Controller.connect(broker.url(), null, null, Duration.ofSeconds(10))) {
            String topic = Topics.result("pi4-lab", "job-big");
            CompletableFuture<JsonNode> got = new CompletableFuture<>();
            controller.watch(topic, (t, body) -> got.complete(body));
            String big = "x".repeat(2 << 20); // 2 MiB: above the agent's command limit, as a large compare result
            byte[] payload = ("{\"blob\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8);
            try (BrokerSession publisher = PahoBrokerLink.session(
                    LinkSettings.builder(broker.url(), "big-publisher").build(),
                    new BrokerLink.Listener() {
                        @Override
                        public void onConnected() {}

                        @Override
                        public void onMessage(BrokerLink.Inbound message) {}
                    },
                    Duration.ofSeconds(10))) {
                publisher
                        .publish(BrokerLink.Outbound.of(topic, payload, 1, false))
                        .get(10, TimeUnit.SECONDS);
            }
            assertEquals(
                    big.length(),
                    got.get(20, TimeUnit.SECONDS).path("blob").asText().length());
        }
    }

    @Test
    void agentCommandLink_keepsTheSmallLimit_controllersTheLargeOne() throws Exception {
        AgentConfig config =
                AgentConfig.builder("tcp://broker.local:1883", "pi4-lab", tmp).build();
        assertEquals(
                LinkSettings.COMMAND_MAX_PACKET_BYTES,
                AgentRunner.linkSettings(config, DeviceProbes.NONE, Map.of()).maxPacketBytes());
        assertEquals(
                LinkSettings.DEFAULT_MAX_PACKET_BYTES,
                LinkSettings.builder("tcp://broker.local:1883", Controller.newClientId())
                        .build()
                        .maxPacketBytes());
    }
}

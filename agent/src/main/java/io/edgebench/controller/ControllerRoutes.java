package io.edgebench.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.link.BrokerLink;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Dispatches the controller's inbound messages: replies by correlation data, everything else by exact topic. Runs on
 * the link's callback thread, so handlers only complete futures or queue; a payload that is not JSON is dropped (it
 * cannot be a reply of ours) rather than allowed to kill the callback thread.
 */
final class ControllerRoutes implements BrokerLink.Listener {
    private final Map<String, Consumer<Controller.Reply>> byCorrelation = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> byTopic = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.BiConsumer<String, JsonNode>> byFilter = new ConcurrentHashMap<>();

    void onCorrelation(String correlation, Consumer<Controller.Reply> handler) {
        byCorrelation.put(correlation, handler);
    }

    void forgetCorrelation(String correlation) {
        byCorrelation.remove(correlation);
    }

    void onTopic(String topic, Consumer<JsonNode> handler) {
        byTopic.put(topic, handler);
    }

    /** Messages on every topic that matches {@code filter} (MQTT wildcards + and #), with their topic. */
    void onFilter(String filter, java.util.function.BiConsumer<String, JsonNode> handler) {
        byFilter.put(filter, handler);
    }

    /** Completes with the reason when the connection drops: a controller's session never reconnects. */
    private final java.util.concurrent.CompletableFuture<String> lost = new java.util.concurrent.CompletableFuture<>();

    @Override
    public void onConnected() {}

    @Override
    public void onDisconnected(String reason) {
        lost.complete(reason);
    }

    /** Completed with the broker's or the socket's reason once the connection is lost; it stays lost. */
    java.util.concurrent.CompletableFuture<String> lost() {
        return lost;
    }

    @Override
    public void onMessage(BrokerLink.Inbound message) {
        String topic = message.topic();
        JsonNode body;
        try {
            body = Json.mapper().readTree(message.payload());
        } catch (java.io.IOException e) {
            return;
        }
        if (body == null || !body.isObject()) {
            return;
        }
        byte[] correlation = message.correlationData();
        if (correlation != null) {
            Consumer<Controller.Reply> handler = byCorrelation.get(new String(correlation, StandardCharsets.UTF_8));
            if (handler != null) {
                handler.accept(Controller.Reply.of(body));
                return;
            }
        }
        Consumer<JsonNode> handler = byTopic.get(topic);
        if (handler != null) {
            handler.accept(body);
        }
        byFilter.forEach((filter, h) -> {
            if (matches(filter, topic)) {
                h.accept(topic, body);
            }
        });
    }

    /** MQTT topic matching: "+" one level, "#" the rest. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if ("#".equals(f[i])) {
                return true;
            }
            if (i >= t.length || !"+".equals(f[i]) && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}

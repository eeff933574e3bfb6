package io.edgebench.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Dispatches the controller's inbound messages: replies by correlation data, everything else by exact topic. Runs on
 * Paho's callback thread, so handlers only complete futures or queue; a payload that is not JSON is dropped (it
 * cannot be a reply of ours) rather than allowed to kill the callback thread.
 */
final class ControllerRoutes {
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

    void dispatch(String topic, MqttMessage message) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(message.getPayload());
        } catch (java.io.IOException e) {
            return;
        }
        if (body == null || !body.isObject()) {
            return;
        }
        byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
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

    MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                dispatch(topic, message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        };
    }
}

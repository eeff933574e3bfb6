package io.edgebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A scripted responder speaking docs/mqtt.md over a real broker: it answers each command with what {@code script}
 * returns for (verb, request), and can publish progress and results like an agent. A stand-in for the parts of the
 * agent a controller test does not exercise.
 */
final class FakeAgent implements AutoCloseable {
    private final MqttClient client;
    private final String deviceId;

    FakeAgent(String brokerUrl, String deviceId, BiFunction<String, JsonNode, ObjectNode> script) throws MqttException {
        this.deviceId = deviceId;
        client = new MqttClient(brokerUrl, "fake-" + deviceId, new MemoryPersistence());
        client.setCallback(new Callback((topic, message) -> {
            String verb = Topics.verbOf(topic).orElseThrow();
            JsonNode request = Json.mapper().readTree(message.getPayload());
            ObjectNode reply = script.apply(verb, request);
            reply.put("verb", verb).put("device_id", deviceId).put("ts", "2026-11-27T04:30:00Z");
            MqttProperties props = new MqttProperties();
            props.setCorrelationData(message.getProperties().getCorrelationData());
            String to = message.getProperties().getResponseTopic() != null
                    ? message.getProperties().getResponseTopic()
                    : Topics.reply(deviceId);
            // a reply is published from a fresh thread: Paho forbids blocking publishes on its callback thread
            new Thread(() -> publish(to, reply, props)).start();
        }));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        client.subscribe(new String[] {Topics.cmdFilter(deviceId), Topics.fleetCmdFilter()}, new int[] {1, 1});
    }

    static ObjectNode ok(JsonNode data) {
        ObjectNode reply = Json.mapper().createObjectNode().put("ok", true);
        reply.set("data", data);
        return reply;
    }

    static ObjectNode rejected(String code, String error) {
        return Json.mapper()
                .createObjectNode()
                .put("ok", false)
                .put("code", code)
                .put("error", error);
    }

    void publishProgress(String jobId, String phase) {
        ObjectNode p = Json.mapper()
                .createObjectNode()
                .put("job_id", jobId)
                .put("phase", phase)
                .put("runs_done", 1)
                .put("runs_target", 2);
        publish(Topics.progress(deviceId, jobId), p, new MqttProperties());
    }

    void publishResult(String jobId, String status, JsonNode result) {
        publishResult(jobId, "compare", status, result);
    }

    void publishResult(String jobId, String verb, String status, JsonNode result) {
        ObjectNode m = Json.mapper()
                .createObjectNode()
                .put("job_id", jobId)
                .put("device_id", deviceId)
                .put("verb", verb)
                .put("status", status);
        if (!"ok".equals(status)) {
            m.put("error", "the worker crashed");
        }
        m.set("result", result);
        publish(Topics.result(deviceId, jobId), m, new MqttProperties());
    }

    private void publish(String topic, JsonNode body, MqttProperties props) {
        try {
            byte[] bytes = Json.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            client.publish(topic, new MqttMessage(bytes, 1, false, props));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }

    interface Handler {
        void handle(String topic, MqttMessage message) throws Exception;
    }

    private record Callback(Handler handler) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            handler.handle(topic, message);
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
    }
}

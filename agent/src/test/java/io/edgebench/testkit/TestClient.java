package io.edgebench.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The controller's side in tests: a Paho v5 client that records every message on its subscriptions and re-subscribes
 * after reconnecting (a restarted broker forgets sessions).
 */
public final class TestClient implements AutoCloseable {
    /** One received message. */
    public record Received(String topic, String payload, boolean retained, byte[] correlationData) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(payload);
            } catch (Exception e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> filters = ConcurrentHashMap.newKeySet();

    public TestClient(String url) throws MqttException {
        this(url, null);
    }

    /** @param persistentId a fixed client id with a one-hour session (survives a broker restart), or null */
    public TestClient(String url, String persistentId) throws MqttException {
        client = new MqttClient(
                url, persistentId != null ? persistentId : "test-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                byte[] cd = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
                received.add(
                        new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(), cd));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {
                if (reconnect) {
                    new Thread(() -> filters.forEach(f -> {
                                try {
                                    client.subscribe(new MqttSubscription[] {new MqttSubscription(f, 1)});
                                } catch (MqttException ignored) {
                                    // the next reconnect tries again
                                }
                            }))
                            .start();
                }
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {}
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        o.setCleanStart(persistentId == null);
        if (persistentId != null) {
            o.setSessionExpiryInterval(3600L);
        }
        client.connect(o);
    }

    public void subscribe(String filter) throws MqttException {
        filters.add(filter);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    }

    public void publish(String topic, String payload, String responseTopic, byte[] correlation) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), responseTopic, correlation);
    }

    public void publish(String topic, byte[] payload, String responseTopic, byte[] correlation) throws MqttException {
        MqttMessage m = new MqttMessage(payload, 1, false, new MqttProperties());
        m.getProperties().setResponseTopic(responseTopic);
        m.getProperties().setCorrelationData(correlation);
        client.publish(topic, m);
    }

    /** Sends a request with a fresh response topic and correlation data and waits for the matching reply. */
    public JsonNode request(String topic, String payload, Duration timeout) throws MqttException {
        return request(topic, payload.getBytes(StandardCharsets.UTF_8), timeout);
    }

    public JsonNode request(String topic, byte[] payload, Duration timeout) throws MqttException {
        String responseTopic = "test/replies/" + UUID.randomUUID();
        byte[] correlation = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        subscribe(responseTopic);
        publish(topic, payload, responseTopic, correlation);
        Received r = await(responseTopic, timeout);
        if (!java.util.Arrays.equals(correlation, r.correlationData())) {
            throw new AssertionError("reply on " + responseTopic + " lacks the request's correlation data");
        }
        return r.json();
    }

    /** Waits for the first message on exactly this topic. */
    public Received await(String topic, Duration timeout) {
        return Awaitility.await("a message on " + topic)
                .atMost(timeout)
                .pollInterval(5, TimeUnit.MILLISECONDS)
                .until(() -> on(topic).stream().findFirst().orElse(null), r -> r != null);
    }

    public List<Received> on(String topic) {
        List<Received> list = new ArrayList<>();
        for (Received r : received) {
            if (r.topic().equals(topic)) {
                list.add(r);
            }
        }
        return list;
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}

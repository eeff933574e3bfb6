package io.edgebench.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Many MQTT clients publishing at once at QoS 0 (no PUBACK pacing): the shape of a flood the agent must survive.
 * Each message carries a response topic per client, so the test can count what each sender heard back.
 */
public final class FloodClients implements AutoCloseable {
    private final List<MqttAsyncClient> clients = new ArrayList<>();

    public FloodClients(String url, int count) throws MqttException {
        for (int i = 0; i < count; i++) {
            MqttAsyncClient c =
                    new MqttAsyncClient(url, "flood-" + i + "-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(10_000);
            clients.add(c);
        }
    }

    /** Every client sends {@code perClient} messages to {@code topic} in parallel; returns when all are written. */
    public void flood(String topic, String payload, String responseTopicPrefix, int perClient) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            MqttAsyncClient c = clients.get(i);
            String rt = responseTopicPrefix + "/" + i;
            Thread t = new Thread(
                    () -> {
                        try {
                            for (int n = 0; n < perClient; n++) {
                                MqttMessage m = new MqttMessage(
                                        payload.getBytes(StandardCharsets.UTF_8), 0, false, new MqttProperties());
                                m.getProperties().setResponseTopic(rt);
                                c.publish(topic, m);
                            }
                        } catch (Exception e) {
                            errors.add(e);
                        }
                    },
                    "flood-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    @Override
    public void close() throws MqttException {
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnect(2000).waitForCompletion(3000);
            } catch (MqttException ignored) {
                // closing anyway
            }
            c.close(true);
        }
    }
}

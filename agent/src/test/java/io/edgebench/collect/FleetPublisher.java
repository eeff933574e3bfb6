package io.edgebench.collect;

import io.edgebench.json.Json;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.wire.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Agents publishing results as the agent's outbox does: QoS 1, one job id per result, and now and then an earlier
 * result again (an outbox republishes until acknowledged, and after a restart), so the store must de-duplicate.
 */
final class FleetPublisher implements AutoCloseable {
    static final String[] DEVICES = {"pi4-lab", "pi5-lab", "coral-lab"};
    private final MqttClient client;
    private final Random rnd = new Random(7);
    private final Set<String> expected = new TreeSet<>();
    private final List<String> published = new ArrayList<>();
    final AtomicInteger sent = new AtomicInteger();

    FleetPublisher(String url) throws MqttException {
        client = new MqttClient(url, "fleet-publisher", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
    }

    /** Publishes result number {@code i} (a bench or a two-lane compare), and sometimes republishes an old one. */
    void publish(int i) throws MqttException {
        String device = DEVICES[i % DEVICES.length];
        Board board = Board.values()[i % DEVICES.length];
        String job = String.format("20261130T1000%02d-%08x", i % 60, i);
        var message = i % 4 == 0
                ? ResultFixtures.compare(device, job, board, i, i % 8 == 0, "tflite:xnnpack", "onnx:cpu")
                : ResultFixtures.bench(device, job, board, "tflite", "xnnpack", i, i % 2 == 0);
        send(Topics.result(device, job), message.toString());
        expected.add(device + "/" + job + "#" + (i % 4 == 0 ? 2 : 1));
        published.add(Topics.result(device, job) + " " + message);
        if (i % 7 == 3) {
            String[] again = published.get(rnd.nextInt(published.size())).split(" ", 2);
            send(again[0], again[1]);
        }
        sent.incrementAndGet();
    }

    private void send(String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false, null);
        InflightRetry.publish(client, topic, m);
    }

    /** What the store must hold afterwards: "device/job#lanes" of every distinct result. */
    List<String> expected() {
        return new ArrayList<>(expected);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }

    static String json(Object o) throws Exception {
        return Json.mapper().writeValueAsString(o);
    }
}

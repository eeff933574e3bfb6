package io.edgebench.collect;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A test publisher's QoS 1 publish through Paho's blocking client. Paho can report its in-flight window full for a
 * moment after the previous PUBACK on a loaded machine (it wakes the publisher before it decrements its count): wait
 * and try again, bounded, as an agent's outbox would.
 */
final class InflightRetry {
    /** Paho's "Too many publishes in progress" (ClientState.send; v5 names no constant for it). */
    private static final int MAX_INFLIGHT = 32202;

    private InflightRetry() {}

    static void publish(MqttClient client, String topic, MqttMessage m) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish(topic, m);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MAX_INFLIGHT || attempt >= 200) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}

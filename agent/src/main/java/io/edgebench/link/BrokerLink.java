package io.edgebench.link;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's connection to its broker, free of vendor types: it keeps itself connected (reconnecting with backoff),
 * re-subscribes after every connect, and hands inbound messages to a {@link Listener}. Implementations:
 * {@link PahoBrokerLink}.
 */
public interface BrokerLink extends AutoCloseable {

    /** Connects in the background and keeps reconnecting until {@link #close()}; returns at once. */
    void start(List<String> subscriptions, Listener listener);

    /**
     * Publishes; the future completes when the broker acknowledged (QoS 1: {@link PublishAck#ACCEPTED} or
     * {@link PublishAck#NO_MATCHING_SUBSCRIBERS}) or the message was written (QoS 0: {@link PublishAck#SENT}), and
     * fails when the link is down, the broker refused it ({@link PublishRefusedException}) or the publish failed.
     * Never blocks the caller for long.
     */
    CompletableFuture<PublishAck> publish(Outbound message);

    boolean isConnected();

    /** How often the broker said another client took this session over (a duplicate device id). */
    default long sessionTakeovers() {
        return 0;
    }

    /**
     * Why the link can no longer keep itself connected (its own thread died or has been stuck longer than
     * {@code maxStall}), or null. Never blocks. Links without a thread of their own have nothing to wedge.
     */
    default String wedgedReason(java.time.Duration maxStall) {
        return null;
    }

    /** Publishes {@code last} (e.g. an offline status) if connected, disconnects cleanly, stops reconnecting. */
    void close(Outbound last);

    @Override
    default void close() {
        close(null);
    }

    /** Callbacks from the link's own threads; implementations must not block in them. */
    interface Listener {
        /** After each successful (re)connect and subscribe. */
        void onConnected();

        /**
         * One inbound message. On a session with {@code ackAfterHandling} (LinkSettings.Session.persistent) a QoS 1
         * message is acknowledged only after this returned normally, so a listener that must not lose one (the
         * results collector) stores it before returning; if it throws, the link reconnects without the
         * acknowledgement and the broker delivers the message again. Otherwise messages are acknowledged on
         * arrival.
         */
        void onMessage(Inbound message);

        /**
         * The same with the acknowledgement in the listener's hands, on a session with {@code ackAfterHandling}:
         * a listener that stores on a thread of its own (the collector, which must not block the link's thread
         * while a database is down) runs {@code acknowledge} once the message is durable, in arrival order, from
         * any thread. Until then the broker keeps the message and counts it against the link's receive maximum,
         * which is what pauses delivery. The default handles it here and acknowledges when it returned normally.
         */
        default void onMessage(Inbound message, Runnable acknowledge) {
            onMessage(message);
            acknowledge.run();
        }

        default void onDisconnected(String reason) {}
    }

    /**
     * A received message with its MQTT 5 request/response properties (null when absent).
     *
     * @param retained the broker sent it from its retained store (at subscribe time), not as it was published
     * @param qos the QoS it was delivered with: 0 is never delivered again, whatever happens to it
     */
    record Inbound(
            String topic, byte[] payload, String responseTopic, byte[] correlationData, boolean retained, int qos) {
        public Inbound {
            Objects.requireNonNull(topic, "topic");
            payload = payload == null ? new byte[0] : payload;
        }

        /** A message published live (not from the retained store). */
        public Inbound(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
            this(topic, payload, responseTopic, correlationData, false, 1);
        }
    }

    /**
     * A message to send; correlationData is copied from the request for replies, else null; responseTopic is set on
     * a controller's request (MQTT 5 request/response), else null.
     */
    record Outbound(
            String topic, byte[] payload, int qos, boolean retained, byte[] correlationData, String responseTopic) {
        public Outbound {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("qos [" + qos + "] must be 0..2");
            }
        }

        /** A reply (with the request's correlation data) or a plain message (without). */
        public Outbound(String topic, byte[] payload, int qos, boolean retained, byte[] correlationData) {
            this(topic, payload, qos, retained, correlationData, null);
        }

        public static Outbound of(String topic, byte[] payload, int qos, boolean retained) {
            return new Outbound(topic, payload, qos, retained, null);
        }

        /** A request that asks for its reply on {@code responseTopic}, matched by {@code correlationData}. */
        public static Outbound request(
                String topic, byte[] payload, int qos, String responseTopic, byte[] correlationData) {
            return new Outbound(topic, payload, qos, false, correlationData, Objects.requireNonNull(responseTopic));
        }
    }
}

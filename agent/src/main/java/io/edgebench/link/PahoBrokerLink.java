package io.edgebench.link;

import io.edgebench.protocol.Topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@link BrokerLink} over Eclipse Paho MQTT v5, the only class that imports Paho. Connects, subscribes and
 * reconnects on one scheduler thread (exponential backoff with jitter, see {@link Backoff}); Paho's own automatic
 * reconnect is off because it has no jitter. Subscribes with the client callback: Paho 1.2.5's
 * subscribe(subscription, listener) overload throws IndexOutOfBounds (upstream bug).
 */
public final class PahoBrokerLink implements BrokerLink {
    /** Bounds QoS 1 publishes in flight below any broker's receive maximum (mosquitto's default is 20). */
    private static final int MAX_IN_FLIGHT = 16;
    private static final long OP_TIMEOUT_MS = 10_000;

    private final LinkSettings settings;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final MqttAsyncClient client;
    private volatile boolean closed;
    /** When the outstanding liveness probe was queued (System.nanoTime), 0 when none is. */
    private volatile long probeSentNanos;
    /** A recover() is under way: later failures of messages already in flight need no second one. */
    private final java.util.concurrent.atomic.AtomicBoolean recovering = new java.util.concurrent.atomic.AtomicBoolean();
    private List<String> subscriptions;
    private Listener listener;

    public PahoBrokerLink(LinkSettings settings, Consumer<String> log) throws IOException {
        this.settings = settings;
        this.log = log;
        try {
            this.client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("broker_url [" + settings.brokerUrl() + "] is not usable: " + e.getMessage(), e);
        }
        options(); // fail at construction on unreadable TLS files, not on the first reconnect
        // Paho acknowledges a QoS 1 message after the callback even when it threw: a session that must not lose
        // one acknowledges by hand, after the listener handled it (Session.ackAfterHandling).
        client.setManualAcks(settings.session().ackAfterHandling());
    }

    @Override
    public void start(List<String> subscriptions, Listener listener) {
        this.subscriptions = List.copyOf(subscriptions);
        this.listener = listener;
        client.setCallback(new Callback());
        scheduler.execute(this::connectOnce);
    }

    private void connectOnce() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options()).waitForCompletion(OP_TIMEOUT_MS);
            MqttSubscription[] subs = subscriptions.stream()
                    .map(t -> new MqttSubscription(t, Topics.QOS_COMMAND)).toArray(MqttSubscription[]::new);
            if (subs.length > 0) { // a publish-only link (homeassistant remove); Paho rejects an empty SUBSCRIBE
                client.subscribe(subs).waitForCompletion(OP_TIMEOUT_MS);
            }
            settings.backoff().reset();
            recovering.set(false);
            log.accept("mqtt event=connected broker=" + settings.brokerUrl());
            listener.onConnected();
        } catch (MqttException | IOException | RuntimeException e) {
            forceDisconnect();
            scheduleReconnect("connect failed: " + e.getMessage());
        }
    }

    private void scheduleReconnect(String reason) {
        if (closed) {
            return;
        }
        long delayMs = settings.backoff().nextDelayMs();
        log.accept("mqtt event=reconnect_scheduled delay_ms=" + delayMs + " reason=\"" + reason + "\"");
        scheduler.schedule(this::connectOnce, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Drops the connection without acknowledging what is in flight, then reconnects with backoff (once). */
    private void recover() {
        if (closed || !recovering.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                forceDisconnect();
                scheduleReconnect("a message was not handled");
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // close() won the race: no reconnect wanted.
        }
    }

    private void forceDisconnect() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException ignored) {
            // Already down: the next connect starts from scratch either way.
        }
    }

    private MqttConnectionOptions options() throws IOException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(settings.session().cleanStart());
        o.setSessionExpiryInterval(settings.session().expiryS());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(settings.keepAliveS());
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.tls()) {
            o.setSocketFactory(NoDelaySockets.tls(
                    TlsFiles.socketFactory(settings.caFile(), settings.certFile(), settings.keyFile())));
        } else {
            o.setSocketFactory(NoDelaySockets.plain(SocketFactory.getDefault()));
        }
        Outbound will = settings.will();
        if (will != null) {
            o.setWill(will.topic(), message(will));
        }
        return o;
    }

    private static MqttMessage message(Outbound m) {
        MqttMessage msg = new MqttMessage(m.payload(), m.qos(), m.retained(), new MqttProperties());
        msg.getProperties().setContentType("application/json");
        if (m.correlationData() != null) {
            msg.getProperties().setCorrelationData(m.correlationData());
        }
        return msg;
    }

    @Override
    public CompletableFuture<Void> publish(Outbound m) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!client.isConnected()) {
            done.completeExceptionally(new IOException("not connected to " + settings.brokerUrl()));
            return done;
        }
        try {
            if (!inFlight.tryAcquire(OP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                done.completeExceptionally(new IOException("no acknowledgement from the broker in time"));
                return done;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
            return done;
        }
        try {
            client.publish(m.topic(), message(m), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    inFlight.release();
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    inFlight.release();
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            inFlight.release();
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Liveness of the connect/reconnect thread: each call that finds no probe outstanding queues a no-op on it; a
     * probe still not run after {@code maxStall} means the thread is wedged (a reconnect would never come).
     */
    @Override
    public String wedgedReason(java.time.Duration maxStall) {
        if (closed) {
            return null;
        }
        long now = System.nanoTime();
        long sent = probeSentNanos;
        if (sent != 0) {
            long waitedMs = (now - sent) / 1_000_000;
            return waitedMs > maxStall.toMillis() ? "the mqtt-connect thread has not run a task for " + waitedMs / 1000
                    + " s (limit " + maxStall.toSeconds() + " s)" : null;
        }
        probeSentNanos = now;
        try {
            scheduler.execute(() -> probeSentNanos = 0);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return "the mqtt-connect thread has stopped";
        }
        return null;
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close(Outbound last) {
        closed = true;
        scheduler.shutdownNow();
        try {
            if (last != null && client.isConnected()) {
                publish(last).get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.accept("mqtt event=last_message_failed reason=\"" + e.getMessage() + "\"");
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.accept("mqtt event=close_failed reason=\"" + e.getMessage() + "\"");
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String reason = response.getException() != null ? response.getException().getMessage()
                    : response.getReasonString();
            log.accept("mqtt event=disconnected reason=\"" + reason + "\"");
            listener.onDisconnected(String.valueOf(reason));
            try {
                if (!closed) {
                    scheduler.execute(() -> scheduleReconnect("connection lost"));
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // close() won the race: no reconnect wanted.
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            log.accept("mqtt event=error reason=\"" + e.getMessage() + "\"");
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties() != null ? message.getProperties() : new MqttProperties();
            Inbound in = new Inbound(topic, message.getPayload(), p.getResponseTopic(), p.getCorrelationData());
            if (!settings.session().ackAfterHandling()) {
                listener.onMessage(in);
                return;
            }
            try {
                listener.onMessage(in);
            } catch (RuntimeException e) {
                // Paho swallows a callback's exception and acknowledges anyway: with manual acks we simply do not,
                // and reconnect so the broker resends what is unacknowledged from the session.
                log.accept("mqtt event=message_not_acknowledged topic=" + topic + " reason=\"" + e.getMessage()
                        + "\" (reconnecting: the broker delivers it again)");
                recover();
                return;
            }
            if (message.getQos() > 0) {
                try {
                    client.messageArrivedComplete(message.getId(), message.getQos());
                } catch (MqttException e) {
                    log.accept("mqtt event=ack_failed topic=" + topic + " reason=\"" + e.getMessage() + "\"");
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}

package io.edgebench.link;

import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Every attempt uses a fresh Paho client: a client whose CONNECT timed out (a hung broker, an endpoint that
 * accepts TCP and never answers) stays "connecting" and refuses the next connect with "Connect already in progress".
 *
 * <p>The one owner of a Paho client: the agent and the collector use it as a {@link BrokerLink} that keeps itself
 * connected; send and fleet open it as a {@link BrokerSession} that connects once and reports why it could not.
 *
 * <p>CONNECT carries {@link LinkSettings#maxPacketBytes} as the MQTT 5 Maximum Packet Size: a broker must not forward a larger
 * packet (mosquitto drops it), and Paho checks each packet's announced length against the same value before it
 * allocates the buffer (MqttInputStream), so no payload is ever on the heap whole above that size.
 */
public final class PahoBrokerLink implements BrokerLink, BrokerSession {
    /** Bounds QoS 1 publishes in flight below any broker's receive maximum (mosquitto's default is 20). */
    private static final int MAX_IN_FLIGHT = 16;
    /**
     * A session that acknowledges after handling (the collector) holds messages unacknowledged while it stores
     * them: MQTT 5's Receive Maximum bounds how many the broker sends ahead, so memory is bounded by
     * {@link #HELD_RECEIVE_MAXIMUM} x {@link LinkSettings#maxPacketBytes} and a stalled store pauses delivery.
     */
    public static final int HELD_RECEIVE_MAXIMUM = 10;

    private static final long OP_TIMEOUT_MS = 10_000;
    /**
     * A connection the broker closes within this time counts as short-lived; {@link #FLAPS_FOR_TAKEOVER} in a row
     * mean a session conflict. mosquitto 2.0 closes the older of two connections with one client id without the
     * MQTT 5 DISCONNECT 0x8E (Paho sees only "Connection lost"), so the pattern is the signal there.
     */
    private static final long SHORT_LIVED_MS = 5_000;

    private static final int FLAPS_FOR_TAKEOVER = 3;

    private final LinkSettings settings;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private volatile MqttAsyncClient client;
    private volatile long connectedAtNanos;
    private int shortLived;
    private volatile boolean closed;
    /** When the outstanding liveness probe was queued (System.nanoTime), 0 when none is. */
    private volatile long probeSentNanos;

    private volatile List<String> subscriptions;
    private Listener listener;
    /** A session (see {@link #session}): one connect attempt, no reconnects; completes with its outcome. */
    private CompletableFuture<Void> once;

    public PahoBrokerLink(LinkSettings settings, Consumer<String> log) throws IOException {
        this.settings = settings;
        this.log = log;
        this.client = newClient();
        options(); // fail at construction on unreadable TLS files, not on the first reconnect
    }

    private MqttAsyncClient newClient() throws IOException {
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            // Paho acknowledges a QoS 1 message after the callback even when it threw: a session that must not lose
            // one acknowledges by hand, after the listener handled it (Session.ackAfterHandling).
            c.setManualAcks(settings.session().ackAfterHandling());
            return c;
        } catch (MqttException | IllegalArgumentException e) {
            throw new IOException(
                    "broker_url [" + settings.brokerUrl() + "] is not usable: " + LinkErrors.describe(e), e);
        }
    }

    /**
     * Connects once, now, for a short-lived command: no reconnects, and a failure is the broker's reason with a hint.
     *
     * @throws IOException when the broker cannot be reached or refuses the connection within {@code timeout}
     */
    public static BrokerSession session(LinkSettings settings, Listener listener, java.time.Duration timeout)
            throws IOException {
        PahoBrokerLink link;
        try {
            link = new PahoBrokerLink(settings, line -> {});
        } catch (IOException e) {
            // unreadable TLS files or an unusable URL: the settings are wrong, no broker was tried
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        link.once = new CompletableFuture<>();
        link.start(List.of(), listener);
        try {
            link.once.get(timeout.toMillis() + OP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return link;
        } catch (java.util.concurrent.ExecutionException e) {
            link.close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            link.close();
            throw new IOException("no CONNACK within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            link.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
    }

    /** Adds a subscription: at once when connected, and again after every reconnect. */
    @Override
    public synchronized void subscribe(String filter) throws IOException {
        if (subscriptions.contains(filter)) {
            return;
        }
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, Topics.QOS_COMMAND)})
                    .waitForCompletion(OP_TIMEOUT_MS);
        } catch (MqttException e) {
            throw new IOException(LinkErrors.describe(e), e);
        }
        subscriptions = java.util.stream.Stream.concat(subscriptions.stream(), java.util.stream.Stream.of(filter))
                .toList();
    }

    /** CONNACK reason codes of a refused login (MQTT 5: 0x86, 0x87; MQTT 3.1.1's 4 and 5 as Paho reports them). */
    static boolean credentialsRefused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.eclipse.paho.mqttv5.common.MqttException m) {
                int code = m.getReasonCode();
                return code == 0x86 || code == 0x87 || code == 4 || code == 5;
            }
        }
        return false;
    }

    @Override
    public void start(List<String> subscriptions, Listener listener) {
        this.subscriptions = List.copyOf(subscriptions);
        this.listener = listener;
        scheduler.execute(this::connectOnce);
    }

    private void connectOnce() {
        if (closed || client.isConnected()) {
            return;
        }
        connectAttempts.incrementAndGet();
        MqttAsyncClient c = null;
        try {
            MqttAsyncClient previous = client;
            c = newClient();
            c.setCallback(new Callback(c));
            client = c; // first: the previous client's late callbacks are ignored from here on
            discard(previous);
            c.connect(options()).waitForCompletion(OP_TIMEOUT_MS);
            MqttSubscription[] subs = subscriptions.stream()
                    .map(t -> new MqttSubscription(t, Topics.QOS_COMMAND))
                    .toArray(MqttSubscription[]::new);
            if (subs.length > 0) { // a publish-only link (homeassistant remove); Paho rejects an empty SUBSCRIBE
                c.subscribe(subs).waitForCompletion(OP_TIMEOUT_MS);
            }
            settings.backoff().reset();
            connectedAtNanos = System.nanoTime();
            log.accept("mqtt event=connected broker=" + settings.brokerUrl());
            listener.onConnected();
            if (once != null) {
                once.complete(null);
            }
        } catch (MqttException | IOException | RuntimeException e) {
            discard(c);
            if (once != null) {
                once.completeExceptionally(new IOException(LinkErrors.describe(e) + LinkErrors.hint(e), e));
                return;
            }
            scheduleReconnect("connect failed: " + LinkErrors.describe(e) + LinkErrors.hint(e), settings.backoff());
        }
    }

    private void scheduleReconnect(String reason, Backoff backoff) {
        if (closed || once != null) {
            return;
        }
        long delayMs = backoff.nextDelayMs();
        log.accept("mqtt event=reconnect_scheduled delay_ms=" + delayMs + " reason=\"" + reason + "\"");
        try {
            scheduler.schedule(this::connectOnce, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // close() won the race: no reconnect wanted.
        }
    }

    /**
     * Drops {@code failed}'s connection without acknowledging what is in flight, then reconnects with backoff, once
     * per client: a failure on a client that is already being replaced needs nothing more, but one on the new
     * client does. (One flag for the link lost that: a message redelivered right after CONNACK that failed again
     * found "a recovery under way", stayed unacknowledged on a healthy connection, and after the broker's in-flight
     * window of such messages nothing more was delivered: the silent wedge of issue 21.)
     */
    private void recover(MqttAsyncClient failed, java.util.concurrent.atomic.AtomicBoolean recovering) {
        if (closed || failed != client || !recovering.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                if (failed != client) {
                    return; // replaced meanwhile: the new client got every unacknowledged message again
                }
                try {
                    failed.disconnectForcibly(0, 1000, false);
                } catch (MqttException | RuntimeException ignored) {
                    // Already down: the next connect uses a fresh client either way.
                }
                scheduleReconnect("a message was not handled", settings.backoff());
            });
        } catch (RejectedExecutionException e) {
            // close() won the race: no reconnect wanted.
        }
    }

    /** Closes a client whatever its state (connected, half-connected, hung); never throws. */
    private static void discard(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 500, false);
        } catch (MqttException | RuntimeException ignored) {
            // Not connected or already down: closing is all that is left.
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // Resources are released either way; the next attempt uses a new client.
        }
    }

    private MqttConnectionOptions options() throws IOException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(settings.session().cleanStart());
        o.setSessionExpiryInterval(settings.session().expiryS());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) (OP_TIMEOUT_MS / 1000));
        o.setKeepAliveInterval(settings.keepAliveS());
        o.setMaximumPacketSize(settings.maxPacketBytes());
        if (settings.session().ackAfterHandling()) {
            o.setReceiveMaximum(HELD_RECEIVE_MAXIMUM);
        }
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
        if (m.responseTopic() != null) {
            msg.getProperties().setResponseTopic(m.responseTopic());
        }
        return msg;
    }

    @Override
    public CompletableFuture<PublishAck> publish(Outbound m) {
        CompletableFuture<PublishAck> done = new CompletableFuture<>();
        MqttAsyncClient c = client;
        if (!c.isConnected()) {
            done.completeExceptionally(new IOException("not connected to " + settings.brokerUrl()));
            return done;
        }
        if (m.qos() == 0) {
            return publishAtMostOnce(c, m, done); // no PUBACK to wait for: never blocks the caller
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
            c.publish(m.topic(), message(m), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    inFlight.release();
                    // Paho reports a PUBACK as success whatever its reason code; >= 0x80 means not accepted.
                    int[] codes = token.getReasonCodes();
                    int refused = codes == null
                            ? 0
                            : java.util.Arrays.stream(codes)
                                    .filter(x -> x >= 0x80)
                                    .findFirst()
                                    .orElse(0);
                    if (refused != 0) {
                        done.completeExceptionally(new PublishRefusedException(m.topic(), refused));
                    } else if (codes != null
                            && java.util.Arrays.stream(codes)
                                    .anyMatch(x -> x == PublishAck.NO_MATCHING_SUBSCRIBERS_CODE)) {
                        done.complete(PublishAck.NO_MATCHING_SUBSCRIBERS);
                    } else {
                        done.complete(PublishAck.ACCEPTED);
                    }
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

    private static CompletableFuture<PublishAck> publishAtMostOnce(
            MqttAsyncClient c, Outbound m, CompletableFuture<PublishAck> done) {
        try {
            c.publish(m.topic(), message(m));
            done.complete(PublishAck.SENT);
        } catch (MqttException | RuntimeException e) {
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
            return waitedMs > maxStall.toMillis()
                    ? "the mqtt-connect thread has not run a task for " + waitedMs / 1000 + " s (limit "
                            + maxStall.toSeconds() + " s)"
                    : null;
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
    public long sessionTakeovers() {
        return takeovers.get();
    }

    /** Connection attempts since start (each CONNECT tried, successful or not). */
    public long connectAttempts() {
        return connectAttempts.get();
    }

    @Override
    public void close() {
        close(null);
    }

    @Override
    public void close(Outbound last) {
        closed = true;
        scheduler.shutdownNow();
        MqttAsyncClient c = client;
        try {
            if (last != null && c.isConnected()) {
                publish(last).get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.accept("mqtt event=last_message_failed reason=\"" + LinkErrors.describe(e) + "\"");
        }
        try {
            if (c.isConnected()) {
                c.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.accept("mqtt event=close_failed reason=\"" + LinkErrors.describe(e) + "\"");
        }
        discard(c);
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;
        /** A recover() of this client is under way: later failures of messages in flight need no second one. */
        private final java.util.concurrent.atomic.AtomicBoolean recovering =
                new java.util.concurrent.atomic.AtomicBoolean();

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (owner != client) {
                return; // a discarded client's late goodbye
            }
            MqttException e = response.getException();
            int code = e != null ? e.getReasonCode() : response.getReturnCode();
            String reason = e != null ? LinkErrors.describe(e) : response.getReasonString();
            listener.onDisconnected(String.valueOf(reason));
            long livedMs = (System.nanoTime() - connectedAtNanos) / 1_000_000;
            shortLived = livedMs < SHORT_LIVED_MS ? shortLived + 1 : 0;
            if (livedMs > 600_000) {
                settings.takeoverBackoff().reset(); // ten quiet minutes: the conflict is over
            }
            boolean takenOver = code == LinkErrors.SESSION_TAKEN_OVER || shortLived >= FLAPS_FOR_TAKEOVER;
            if (takenOver) {
                shortLived = 0;
                long n = takeovers.incrementAndGet();
                log.accept("mqtt event=session_taken_over takeovers_total=" + n + " client_id=" + settings.clientId()
                        + " reason_code=" + code + " lived_ms=" + livedMs + " (another agent connected with the same"
                        + " device_id? the broker "
                        + (code == LinkErrors.SESSION_TAKEN_OVER
                                ? "said so"
                                : "closed " + FLAPS_FOR_TAKEOVER + " connections in a row within " + SHORT_LIVED_MS
                                        + " ms")
                        + "; give each board its own device_id; backing off)");
                settings.backoff().reset();
                reconnectLater("session taken over by another client with this client id", settings.takeoverBackoff());
                return;
            }
            log.accept("mqtt event=disconnected reason_code=" + code + " lived_ms=" + livedMs + " reason=\"" + reason
                    + "\"");
            reconnectLater("connection lost: " + reason, settings.backoff());
        }

        private void reconnectLater(String reason, Backoff backoff) {
            try {
                if (!closed) {
                    scheduler.execute(() -> scheduleReconnect(reason, backoff));
                }
            } catch (RejectedExecutionException ex) {
                // close() won the race: no reconnect wanted.
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            log.accept("mqtt event=error reason=\"" + LinkErrors.describe(e) + "\"");
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties() != null ? message.getProperties() : new MqttProperties();
            Inbound in = new Inbound(
                    topic,
                    message.getPayload(),
                    p.getResponseTopic(),
                    p.getCorrelationData(),
                    message.isRetained(),
                    message.getQos());
            if (!settings.session().ackAfterHandling()) {
                listener.onMessage(in);
                return;
            }
            try {
                listener.onMessage(in, () -> acknowledge(topic, message));
            } catch (RuntimeException e) {
                // Paho swallows a callback's exception and acknowledges anyway: with manual acks we simply do not,
                // and reconnect so the broker resends what is unacknowledged from the session.
                log.accept("mqtt event=message_not_acknowledged topic=" + topic + " reason=\"" + e.getMessage()
                        + "\" (reconnecting: the broker delivers it again)");
                recover(owner, recovering);
            }
        }

        /** PUBACK on the client that received it; on a replaced one the broker redelivers instead. */
        private void acknowledge(String topic, MqttMessage message) {
            if (message.getQos() == 0 || owner != client) {
                return;
            }
            try {
                owner.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException | RuntimeException e) {
                log.accept("mqtt event=ack_failed topic=" + topic + " reason=\"" + LinkErrors.describe(e)
                        + "\" (the broker delivers it again)");
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

package io.edgebench.rig;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.edgebench.link.Backoff;
import io.edgebench.store.Outbox;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N agents in one JVM on HiveMQ's async MQTT 5 client (all connections share its Netty event loop: no thread per
 * agent). Each speaks the agent's protocol: a retained will and status, its own and the fleet's command topics, and
 * for a bench an accepting reply on the response topic, a progress message and a QoS 1 result after a fake
 * worker's run time, republished until the broker acknowledges it (as the agent's outbox does). Reconnects use the
 * agent's own {@link Backoff} (1 s doubling to 60 s, equal jitter).
 */
final class EmulatedFleet implements AutoCloseable {
    /** Connects in flight at once: more only overflows the broker's listen backlog. */
    private static final int CONNECTS_IN_FLIGHT = 256;
    /** The agent's outbox sweep period. */
    private static final long UNHEARD_RETRY_S = 30;

    private final List<Agent> agents = new ArrayList<>();
    private final ScheduledExecutorService workers;
    private final AttemptClock attempts;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicLong resultRetries = new AtomicLong();
    private final AtomicLong ackedWithoutSubscriber = new AtomicLong();
    private final long workMinMs;
    private final long workMaxMs;

    EmulatedFleet(
            String prefix,
            int count,
            int port,
            ScheduledExecutorService workers,
            AttemptClock attempts,
            long workMinMs,
            long workMaxMs) {
        this.workers = workers;
        this.attempts = attempts;
        this.workMinMs = workMinMs;
        this.workMaxMs = workMaxMs;
        for (int i = 0; i < count; i++) {
            agents.add(new Agent(String.format("%s-%05d", prefix, i), i, port));
        }
    }

    /** Connects every agent (bounded in flight) and waits until each has published its online status. */
    void connectAll() throws InterruptedException {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (Agent a : agents) {
            inFlight.acquire();
            done.add(a.start().whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    }

    int connected() {
        return connected.get();
    }

    int size() {
        return agents.size();
    }

    /**
     * Publishes the broker acknowledged with reason 0x10, no matching subscribers (it dropped them): each is sent
     * again 30 s later, for up to the agent's {@link Outbox#KEEP_UNHEARD}, as the agent's outbox does.
     */
    long ackedWithoutSubscriber() {
        return ackedWithoutSubscriber.get();
    }

    long resultRetries() {
        return resultRetries.get();
    }

    @Override
    public void close() {
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (Agent a : agents) {
            done.add(a.client.disconnect().exceptionally(e -> null));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
    }

    private final class Agent {
        final String deviceId;
        final long seed;
        final Backoff backoff = Backoff.standard();
        final AtomicBoolean up = new AtomicBoolean();
        final Mqtt5AsyncClient client;

        Agent(String deviceId, long seed, int port) {
            this.deviceId = deviceId;
            this.seed = seed;
            this.client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier(deviceId)
                    .serverHost("127.0.0.1")
                    .serverPort(port)
                    .addConnectedListener(ctx -> {
                        backoff.reset();
                        if (up.compareAndSet(false, true)) {
                            connected.incrementAndGet();
                        }
                        publishStatus();
                    })
                    .addDisconnectedListener(ctx -> {
                        if (ctx.getSource() == MqttDisconnectSource.USER) {
                            return;
                        }
                        if (up.compareAndSet(true, false)) {
                            connected.decrementAndGet();
                        }
                        attempts.count(System.currentTimeMillis(), 1);
                        ctx.getReconnector().reconnect(true).delay(backoff.nextDelayMs(), TimeUnit.MILLISECONDS);
                    })
                    .buildAsync();
            client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::onCommand);
        }

        CompletableFuture<?> start() {
            attempts.count(System.currentTimeMillis(), 1);
            return client.connectWith()
                    .cleanStart(true)
                    .keepAlive(30)
                    .willPublish()
                    .topic(Topics.status(deviceId))
                    .payload(FakeWorker.status(deviceId, AgentState.OFFLINE))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .applyWillPublish()
                    .send()
                    .thenCompose(ack -> client.subscribeWith()
                            .addSubscription()
                            .topicFilter(Topics.cmdFilter(deviceId))
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .applySubscription()
                            .addSubscription()
                            .topicFilter(Topics.fleetCmdFilter())
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .applySubscription()
                            .send());
        }

        void publishStatus() {
            client.publishWith()
                    .topic(Topics.status(deviceId))
                    .payload(FakeWorker.status(deviceId, AgentState.ONLINE))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .send();
        }

        void onCommand(Mqtt5Publish p) {
            String verb = Topics.verbOf(p.getTopic().toString()).orElse("");
            String jobId = Topics.BENCH.equals(verb) ? FakeWorker.jobId(p.getPayloadAsBytes()) : null;
            byte[] reply = jobId == null ? FakeWorker.rejected(deviceId, verb) : FakeWorker.accepted(deviceId, jobId);
            String replyTopic = p.getResponseTopic().map(Object::toString).orElse(Topics.reply(deviceId));
            ByteBuffer correlation = p.getCorrelationData().orElse(null);
            var builder = client.publishWith().topic(replyTopic).payload(reply).qos(MqttQos.AT_LEAST_ONCE);
            if (correlation != null) {
                builder.correlationData(correlation);
            }
            builder.send();
            if (jobId == null) {
                return;
            }
            long workMs = ThreadLocalRandom.current().nextLong(workMinMs, workMaxMs + 1);
            workers.schedule(
                    () -> {
                        client.publishWith()
                                .topic(Topics.progress(deviceId, jobId))
                                .payload(FakeWorker.progress(jobId))
                                .qos(MqttQos.AT_MOST_ONCE)
                                .send();
                        publishResult(jobId, FakeWorker.result(deviceId, jobId, seed), 1);
                    },
                    workMs,
                    TimeUnit.MILLISECONDS);
        }

        /** QoS 1 until acknowledged: a failed publish (connection lost) is tried again later, as an outbox does. */
        void publishResult(String jobId, byte[] result, int attempt) {
            client.publishWith()
                    .topic(Topics.result(deviceId, jobId))
                    .payload(result)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .whenComplete((r, e) -> {
                        if (e == null && r.getError().isEmpty()) {
                            if (r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q
                                    && q.getPubAck().getReasonCode() == Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS) {
                                // The broker took it and dropped it: no collector was subscribed (yet).
                                ackedWithoutSubscriber.incrementAndGet();
                                if (attempt * UNHEARD_RETRY_S < Outbox.KEEP_UNHEARD.toSeconds()) {
                                    workers.schedule(
                                            () -> publishResult(jobId, result, attempt + 1),
                                            UNHEARD_RETRY_S,
                                            TimeUnit.SECONDS);
                                }
                            }
                        } else if (attempt < 100) {
                            resultRetries.incrementAndGet();
                            workers.schedule(() -> publishResult(jobId, result, attempt + 1), 2, TimeUnit.SECONDS);
                        }
                    });
        }
    }
}

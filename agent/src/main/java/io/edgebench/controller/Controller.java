package io.edgebench.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.BrokerSession;
import io.edgebench.link.LinkErrors;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.CommandParser;
import io.edgebench.wire.SendPayload;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The controller side of the MQTT protocol (docs/mqtt.md), used by `edgebench send` and `edgebench demo`: sends a
 * command with an MQTT 5 response topic unique to this controller and correlation data, waits for the reply, and for
 * jobs follows progress and waits for the result, over a {@link BrokerSession} (one connect, no reconnects: a
 * controller is a short-lived command, and an unreachable broker is an answer the user needs at once).
 */
public final class Controller implements AutoCloseable {
    private static final long PUBLISH_TIMEOUT_MS = 10_000;

    private final String brokerUrl;
    private final String replyTopic;
    private final ControllerRoutes routes = new ControllerRoutes();
    private final Map<String, AgentState> statusByDevice = new ConcurrentHashMap<>();
    private final List<String> subscribed = new ArrayList<>();
    private BrokerSession session;

    private Controller(String brokerUrl) {
        this.brokerUrl = brokerUrl;
        // Under edgebench/ctl/, a level no device topic uses at that depth (device topics are edgebench/<id>/<kind>).
        this.replyTopic = Topics.ROOT + "/ctl/" + UUID.randomUUID().toString().substring(0, 12) + "/reply";
    }

    /**
     * Connects to the broker without TLS files (the JDK trust store for ssl://), e.g. the demo's.
     *
     * @throws UnavailableException when the broker cannot be reached within {@code timeout}
     */
    public static Controller connect(String brokerUrl, String username, char[] password, Duration timeout)
            throws UnavailableException {
        return connect(
                LinkSettings.builder(brokerUrl, newClientId())
                        .credentials(username, password == null ? null : new String(password))
                        .build(),
                timeout);
    }

    /**
     * Connects with the settings every broker command shares (credentials, TLS files, client id); the session is
     * clean and never reconnects.
     *
     * @throws UnavailableException when the broker cannot be reached within {@code timeout}
     */
    public static Controller connect(LinkSettings settings, Duration timeout) throws UnavailableException {
        Controller controller = new Controller(settings.brokerUrl());
        try {
            controller.session = PahoBrokerLink.session(settings, controller.routes, timeout);
            controller.subscribe(controller.replyTopic);
        } catch (IOException e) {
            if (io.edgebench.link.LinkErrors.credentialsRefused(e)) {
                throw new UnavailableException(
                        "Broker [" + settings.brokerUrl() + "] refused the login: the broker is"
                                + " up; check --username and $EDGEBENCH_MQTT_PASSWORD (or the client certificate) and the"
                                + " broker's password file and ACL (" + e.getMessage() + ")",
                        e);
            }
            throw new UnavailableException(
                    "Broker [" + settings.brokerUrl() + "] is unreachable: " + e.getMessage()
                            + ". Is the broker running, and is the URL right (e.g. tcp://broker.local:1883)?",
                    e);
        } catch (UnavailableException e) {
            controller.close();
            throw e;
        }
        return controller;
    }

    /** A controller's client id: edgebench-ctl- and 12 random characters, unique per run. */
    public static String newClientId() {
        return "edgebench-ctl-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** The broker this controller is connected to. */
    public String brokerUrl() {
        return brokerUrl;
    }

    /** Sends {@code verb} to one device and waits for its reply. */
    public Reply request(String deviceId, String verb, ObjectNode payload, Duration timeout)
            throws UnavailableException {
        watchStatus(deviceId);
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        routes.onCorrelation(correlation, reply::complete);
        try {
            publishRequest(Topics.cmd(deviceId, verb), payload, correlation);
            CompletableFuture.anyOf(reply, routes.lost()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.isDone()) {
                throw new UnavailableException(
                        "Connection to broker [" + brokerUrl + "] lost while waiting for the reply of device ["
                                + deviceId + "] to [" + verb + "]: "
                                + routes.lost().join()
                                + "; send it again once the broker is back",
                        null);
            }
            return reply.get();
        } catch (TimeoutException e) {
            throw new UnavailableException(
                    "No reply from device [" + deviceId + "] to [" + verb + "] within "
                            + timeout.toSeconds() + " s; is its agent running and connected to " + brokerUrl
                            + "? (status: "
                            + status(deviceId) + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting for device [" + deviceId + "]", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reply handling failed: " + e.getCause(), e.getCause());
        } finally {
            routes.forgetCorrelation(correlation);
        }
    }

    /** Sends {@code verb} to every agent and collects the replies that arrive within {@code window}. */
    public List<Reply> requestFleet(String verb, ObjectNode payload, Duration window) throws UnavailableException {
        String correlation = UUID.randomUUID().toString();
        BlockingQueue<Reply> replies = new ArrayBlockingQueue<>(10_000);
        routes.onCorrelation(correlation, replies::offer);
        try {
            publishRequest(Topics.fleetCmd(verb), payload, correlation);
            long deadline = System.nanoTime() + window.toNanos();
            List<Reply> collected = new ArrayList<>();
            for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                Reply r = replies.poll(left, TimeUnit.NANOSECONDS);
                if (r != null) {
                    collected.add(r);
                }
            }
            return collected;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while collecting fleet replies", e);
        } finally {
            routes.forgetCorrelation(correlation);
        }
    }

    /**
     * Submits a job (bench, compare) to one device: subscribes to its result and progress first (the job id is
     * chosen here unless the payload names one, so nothing published before the reply is missed), then sends.
     */
    public Job submit(
            String deviceId, String verb, ObjectNode payload, Duration replyTimeout, Consumer<JsonNode> progress)
            throws UnavailableException {
        ObjectNode request = payload.hasNonNull("job_id") ? payload : SendPayload.withJobId(payload, nextJobId());
        String jobId = Topics.checkId("job_id", request.get("job_id").asText());
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        routes.onTopic(Topics.result(deviceId, jobId), body -> result.complete(body));
        routes.onTopic(Topics.progress(deviceId, jobId), progress);
        subscribe(Topics.result(deviceId, jobId));
        subscribe(Topics.progress(deviceId, jobId));
        Reply accepted = request(deviceId, verb, request, replyTimeout);
        return new Job(deviceId, jobId, accepted, result);
    }

    /**
     * Waits for a job's result. Fails early when the device publishes an offline status meanwhile (its result
     * stays in its outbox and is published when it is back), and when the connection to the broker is lost.
     */
    public JsonNode awaitResult(Job job, Duration timeout) throws UnavailableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                try {
                    CompletableFuture.anyOf(job.result(), routes.lost())
                            .get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                    if (job.result().isDone()) {
                        return job.result().get();
                    }
                    throw new UnavailableException(
                            "Connection to broker [" + brokerUrl + "] lost while waiting for job [" + job.jobId()
                                    + "]: " + routes.lost().join() + "; the job goes on on device [" + job.deviceId()
                                    + "], which publishes its result on " + Topics.result(job.deviceId(), job.jobId())
                                    + " when done (a running `edgebench collect` stores it)",
                            null);
                } catch (TimeoutException e) {
                    if (statusByDevice.get(job.deviceId()) == AgentState.OFFLINE) {
                        throw new UnavailableException(
                                "Device [" + job.deviceId() + "] went offline while job ["
                                        + job.jobId() + "] was pending; it publishes the result when it is back (topic "
                                        + Topics.result(job.deviceId(), job.jobId()) + ")",
                                e);
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new UnavailableException(
                    "No result for job [" + job.jobId() + "] from device [" + job.deviceId()
                            + "] within " + timeout.toSeconds() + " s (status: " + status(job.deviceId())
                            + "); raise --result-timeout, or fetch it later from topic "
                            + Topics.result(job.deviceId(), job.jobId()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting for job [" + job.jobId() + "]", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("result handling failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Subscribes to a filter (e.g. every agent's status, or every result of one fleet job) and hands each JSON
     * message on it, with its topic, to {@code handler} on the client's callback thread (it must not block).
     */
    public void watch(String filter, java.util.function.BiConsumer<String, JsonNode> handler)
            throws UnavailableException {
        routes.onFilter(filter, handler);
        subscribe(filter);
    }

    /** A fresh job id in the agent's own shape, for a job sent to the whole fleet under one id. */
    public static String newJobId() {
        return nextJobId();
    }

    /** The device's last retained status state (online, busy, offline), or a note saying none was seen. */
    public String status(String deviceId) {
        AgentState state = statusByDevice.get(deviceId);
        return state != null ? state.id() : "unknown: no retained status on " + Topics.status(deviceId);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }

    private void watchStatus(String deviceId) throws UnavailableException {
        String topic = Topics.status(deviceId);
        if (!subscribed.contains(topic)) {
            routes.onTopic(
                    topic,
                    body -> statusByDevice.put(
                            deviceId, AgentState.of(body.path("state").textValue())));
            subscribe(topic);
        }
    }

    private synchronized void subscribe(String topic) throws UnavailableException {
        if (subscribed.contains(topic)) {
            return;
        }
        try {
            session.subscribe(topic);
            subscribed.add(topic);
        } catch (IOException e) {
            throw new UnavailableException(
                    "Subscribing to [" + topic + "] at " + brokerUrl + " failed: " + e.getMessage(), e);
        }
    }

    private void publishRequest(String topic, ObjectNode payload, String correlation) throws UnavailableException {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload cannot be written as JSON: " + e.getMessage(), e);
        }
        String verb = Topics.verbOf(topic).orElse(null);
        if (verb != null && body.length > CommandParser.maxPayloadBytes(verb)) {
            // refused here: the broker drops a packet above the agent's Maximum Packet Size without telling anyone
            throw new IllegalArgumentException("request [" + verb + "] is " + body.length + " bytes; an agent takes at"
                    + " most " + CommandParser.maxPayloadBytes(verb) + " for this verb. Shorten its fields; files go"
                    + " by models/put or inputs/put file=PATH, in parts (docs/mqtt.md, Limits).");
        }
        try {
            session.publish(BrokerLink.Outbound.request(
                            topic, body, Topics.QOS_COMMAND, replyTopic, correlation.getBytes(StandardCharsets.UTF_8)))
                    .get(PUBLISH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UnavailableException(
                    "Publishing to [" + topic + "] at " + brokerUrl + " failed: " + LinkErrors.describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while publishing to [" + topic + "]", e);
        }
    }

    /** The agent's own job id shape ({@code <yyyyMMdd'T'HHmmss>-<8 hex>}), so ids sort by time wherever chosen. */
    private static String nextJobId() {
        String time = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        return time + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A reply to a request: ok with {@code data}, or rejected with {@code code} and {@code error}. */
    public record Reply(
            String deviceId, String verb, boolean ok, String code, String error, JsonNode data, JsonNode raw) {
        public static Reply of(JsonNode body) {
            return new Reply(
                    text(body, "device_id"),
                    text(body, "verb"),
                    body.path("ok").asBoolean(false),
                    text(body, "code"),
                    text(body, "error"),
                    body.get("data"),
                    body);
        }

        /** A text field, or null when the (lenient) reader finds none. */
        private static String text(JsonNode body, String field) {
            JsonNode v = body.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    /** A job the device accepted (or rejected: see {@code reply().ok()}) and the future of its result message. */
    public record Job(String deviceId, String jobId, Reply reply, CompletableFuture<JsonNode> result) {}

    /** The broker or the device cannot be reached; the message says which and what to check. */
    public static final class UnavailableException extends Exception {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.edgebench.resultstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.util.List;

/**
 * An agent's retained status (docs/mqtt.md, Status), read leniently: what fleet views and the store keep.
 *
 * @param lastSeenMs the status's own ts, else when it was received
 */
public record AgentStatus(
        String deviceId,
        String state,
        String profile,
        String version,
        List<String> accelerators,
        String currentJob,
        Integer queueLength,
        long lastSeenMs,
        String json) {

    public AgentStatus {
        Topics.checkDeviceId(deviceId);
        accelerators = List.copyOf(accelerators);
    }

    /** A stored status this version cannot read: the device, seen then, with state "unreadable". */
    public static AgentStatus unreadable(String deviceId, long lastSeenMs) {
        return of(deviceId, Json.mapper().valueToTree(java.util.Map.of("state", "unreadable")), lastSeenMs);
    }

    /** @throws IOException when the payload is not a JSON object */
    public static AgentStatus parse(String deviceId, byte[] payload, long receivedAtMs) throws IOException {
        JsonNode n = Json.mapper().readTree(payload);
        if (n == null || !n.isObject()) {
            throw new IOException("status of device [" + deviceId + "] must be a JSON object, got ["
                    + new String(payload, java.nio.charset.StandardCharsets.UTF_8) + "]");
        }
        return of(deviceId, n, receivedAtMs);
    }

    private static AgentStatus of(String deviceId, JsonNode n, long receivedAtMs) {
        long seenMs = ResultFields.or(ResultFields.epochMs(n, "ts"), receivedAtMs);
        return new AgentStatus(
                deviceId,
                ResultFields.or(ResultFields.text(n, "state"), "unknown"),
                ResultFields.text(n, "profile"),
                ResultFields.text(n, "version"),
                ResultFields.texts(n, "accelerators"),
                ResultFields.text(n, "current_job"),
                ResultFields.integer(n, "queue_length"),
                seenMs,
                n.toString());
    }
}

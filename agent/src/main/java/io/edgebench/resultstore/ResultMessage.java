package io.edgebench.resultstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A job result message as the store keeps it: the identity (device id and job id, from the topic, which the broker
 * vouches for), a few indexed columns, and the whole message as its parsed JSON written back (the same content;
 * whitespace and the spelling of numbers may differ from the bytes received).
 *
 * @param finishedAtMs the job's finished_ts, or when it was received when the message has none
 * @param claimedDeviceId the payload's own device_id when it differs from the topic's, else null: flagged, never
 *     used as the identity (the broker's ACL vouches for the topic, nobody for the payload)
 */
public record ResultMessage(
        String deviceId,
        String jobId,
        String verb,
        String status,
        long finishedAtMs,
        long receivedAtMs,
        List<LaneRow> lanes,
        String json,
        String claimedDeviceId) {

    public ResultMessage {
        Topics.checkDeviceId(deviceId);
        Topics.checkId("job_id", jobId);
        Objects.requireNonNull(json, "json");
        lanes = List.copyOf(lanes);
    }

    /**
     * Parses a result message leniently.
     *
     * @throws IOException when the payload is not a JSON object (nothing to store)
     */
    public static ResultMessage parse(String deviceId, String jobId, byte[] payload, long receivedAtMs)
            throws IOException {
        JsonNode m;
        try {
            m = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new IOException(
                    "result of device [" + deviceId + "] job [" + jobId + "] is not JSON: " + e.getMessage(), e);
        }
        if (m == null || !m.isObject()) {
            throw new IOException("result of device [" + deviceId + "] job [" + jobId + "] must be a JSON object, got ["
                    + (m == null ? "nothing" : m.getNodeType()) + "]");
        }
        return of(deviceId, jobId, m, receivedAtMs);
    }

    /** The same from a parsed message (report inputs read from files). */
    public static ResultMessage of(String deviceId, String jobId, JsonNode m, long receivedAtMs) {
        List<LaneRow> lanes = new ArrayList<>();
        List<JsonNode> results = ResultFields.lanes(m.get("result"));
        for (int i = 0; i < results.size(); i++) {
            lanes.add(LaneRow.of(i, results.get(i)));
        }
        Long finished = ResultFields.epochMs(m, "finished_ts");
        String claimed = ResultFields.text(m, "device_id");
        return new ResultMessage(
                deviceId,
                jobId,
                ResultFields.text(m, "verb"),
                ResultFields.text(m, "status"),
                finished != null ? finished : receivedAtMs,
                receivedAtMs,
                lanes,
                m.toString(),
                claimed == null || claimed.equals(deviceId) ? null : claimed);
    }
}

package io.edgebench.resultstore;

import java.util.Objects;

/**
 * A message kept in the quarantine table instead of the store: its bytes as received, the topic and why.
 *
 * @param payload the raw bytes (not copied: the caller hands them over)
 */
public record Quarantined(String topic, byte[] payload, QuarantineReason reason, String detail, long receivedAtMs) {
    public Quarantined {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Of topic and payload: a redelivered message is one row, not two. */
    String key() {
        byte[] t = topic.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(t, t.length + 1 + payload.length); // a NUL between: never in a topic
        System.arraycopy(payload, 0, all, t.length + 1, payload.length);
        return io.edgebench.model.Sha256.hex(all);
    }
}

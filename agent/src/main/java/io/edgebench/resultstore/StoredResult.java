package io.edgebench.resultstore;

/**
 * A stored result as the report reads it: the identity the topic gave ({@code deviceId}, {@code jobId}), what the
 * payload claimed when it differed (null when it agreed), and the message's JSON
 * (re-serialized from the parsed message, not the received bytes).
 */
public record StoredResult(String deviceId, String jobId, String claimedDeviceId, String json) {}

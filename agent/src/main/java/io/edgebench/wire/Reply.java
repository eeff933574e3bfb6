package io.edgebench.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The answer to every command, on the request's response topic (or edgebench/&lt;device_id&gt;/reply): ok with the
 * verb's {@code data}, or not ok with an error {@code code} ({@link Topics#ERR_BAD_REQUEST}...) and message.
 *
 * @param data the verb's answer (a record of {@link ReplyData}, an inspection, a sensors listing); null when not ok
 */
@JsonPropertyOrder({"ok", "verb", "device_id", "ts", "schema_version", "data", "code", "error"})
public record Reply(
        boolean ok,
        String verb,
        String deviceId,
        String ts,
        int schemaVersion,
        Object data,
        String code,
        String error) {
    public static final int SCHEMA_VERSION = 1;

    public Reply {
        if (!ok) {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(error, "error");
        }
    }

    public static Reply ok(String verb, String deviceId, String ts, Object data) {
        return new Reply(true, verb, deviceId, ts, SCHEMA_VERSION, data, null, null);
    }

    public static Reply rejected(String verb, String deviceId, String ts, String code, String error) {
        return new Reply(false, verb, deviceId, ts, SCHEMA_VERSION, null, code, error);
    }
}

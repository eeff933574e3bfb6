package io.edgebench.resultstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The collector's checks before SQL, the same for SQLite and PostgreSQL (SQLite would take a 40-character status
 * into a VARCHAR(32) that PostgreSQL refuses): a message that passes fits every column; one that does not is
 * {@link UnstorableException} with its reason, quarantined rather than retried forever. Identity comes from the
 * topic, which the broker's ACL checked; the payload's own device_id is only compared with it.
 */
public final class MessageBounds {
    /** More lanes than any compare produces (models x delegates x thread counts). */
    public static final int MAX_LANES = 1000;
    /** How far ahead of the collector's clock a timestamp may be: a board's clock may run ahead, a day never. */
    public static final long MAX_CLOCK_AHEAD_MS = 24L * 3600 * 1000;
    /** Columns of enumerated values (verb, status, runtime, delegate): longer is not a value, it is garbage. */
    static final int MAX_CODE_CHARS = 32;

    static final int MAX_STATE_CHARS = 16;

    private MessageBounds() {}

    /** A result message from {@code edgebench/<deviceId>/result/<jobId>}, checked. */
    public static ResultMessage result(String deviceId, String jobId, byte[] payload, long receivedAtMs)
            throws UnstorableException {
        ids(deviceId, jobId);
        JsonNode m = object(payload, "result of device [" + deviceId + "] job [" + jobId + "]");
        time(m, "finished_ts", receivedAtMs);
        text("device_id", ResultFields.text(m, "device_id"), 64);
        String claimed = ResultFields.text(m, "device_id");
        if (claimed != null && !Topics.ID.matcher(claimed).matches()) {
            throw new UnstorableException(
                    QuarantineReason.BAD_FIELD,
                    "device_id [" + printable(claimed) + "] in the"
                            + " payload is not a device id (1-64 characters of A-Z a-z 0-9 . _ -)");
        }
        text("verb", ResultFields.text(m, "verb"), MAX_CODE_CHARS);
        text("status", ResultFields.text(m, "status"), MAX_CODE_CHARS);
        ResultMessage r = ResultMessage.of(deviceId, jobId, m, receivedAtMs);
        if (r.lanes().size() > MAX_LANES) {
            throw new UnstorableException(
                    QuarantineReason.TOO_MANY_LANES,
                    "result has " + r.lanes().size() + " lanes, at most " + MAX_LANES + " are stored");
        }
        for (LaneRow l : r.lanes()) {
            String at = "result.results[" + l.lane() + "].";
            text(at + "runtime", l.runtime(), MAX_CODE_CHARS);
            text(at + "delegate", l.delegate(), MAX_CODE_CHARS);
            text(at + "model", l.modelName(), Integer.MAX_VALUE); // clipped to its column: a name, not a key
            text(at + "label", l.label(), Integer.MAX_VALUE);
        }
        return r;
    }

    /** A retained status from {@code edgebench/<deviceId>/status}, checked. */
    public static AgentStatus status(String deviceId, byte[] payload, long receivedAtMs) throws UnstorableException {
        ids(deviceId, null);
        JsonNode n = object(payload, "status of device [" + deviceId + "]");
        time(n, "ts", receivedAtMs);
        text("state", ResultFields.text(n, "state"), MAX_STATE_CHARS);
        text("profile", ResultFields.text(n, "profile"), Integer.MAX_VALUE);
        try {
            return AgentStatus.parse(deviceId, payload, receivedAtMs);
        } catch (IOException e) {
            throw new UnstorableException(QuarantineReason.NOT_JSON, e.getMessage());
        }
    }

    private static void ids(String deviceId, String jobId) throws UnstorableException {
        try {
            Topics.checkDeviceId(deviceId);
            if (jobId != null) {
                Topics.checkId("job_id", jobId);
            }
        } catch (IllegalArgumentException e) {
            throw new UnstorableException(QuarantineReason.BAD_TOPIC, e.getMessage());
        }
    }

    private static JsonNode object(byte[] payload, String what) throws UnstorableException {
        JsonNode n;
        try {
            n = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new UnstorableException(
                    QuarantineReason.NOT_JSON,
                    what + " is not JSON: "
                            + printable(
                                    e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                            ? j.getOriginalMessage()
                                            : e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new UnstorableException(
                    QuarantineReason.NOT_JSON,
                    what + " must be a JSON object, got [" + (n == null ? "nothing" : n.getNodeType()) + "]");
        }
        return n;
    }

    /** A present timestamp must be ISO-8601 between 1970 and a day ahead of this clock. */
    static void time(JsonNode n, String field, long receivedAtMs) throws UnstorableException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        String s = v.asText();
        long ms;
        try {
            ms = Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new UnstorableException(
                    e instanceof ArithmeticException ? QuarantineReason.TIME_OUT_OF_RANGE : QuarantineReason.BAD_FIELD,
                    field + " [" + printable(s) + "] must be an ISO-8601 instant such as" + " 2026-11-30T10:00:00Z");
        }
        if (ms < 0 || ms > receivedAtMs + MAX_CLOCK_AHEAD_MS) {
            throw new UnstorableException(
                    QuarantineReason.TIME_OUT_OF_RANGE,
                    field + " [" + printable(s) + "] must"
                            + " lie between 1970 and one day after the collector's clock ["
                            + Instant.ofEpochMilli(receivedAtMs)
                            + "] (is the board's clock set? check timedatectl)");
        }
    }

    static void text(String field, String value, int maxChars) throws UnstorableException {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            throw new UnstorableException(
                    QuarantineReason.NUL_IN_FIELD,
                    field + " [" + printable(value) + "] contains"
                            + " a NUL character (U+0000), which neither database stores in text");
        }
        if (value.length() > maxChars) {
            throw new UnstorableException(
                    QuarantineReason.FIELD_TOO_LONG,
                    field + " [" + printable(value) + "] is " + value.length() + " characters, at most " + maxChars
                            + " fit");
        }
    }

    /** A value as it may appear in a log line or an error: no control characters, at most 80 characters. */
    public static String printable(String s) {
        return printable(s, 80);
    }

    /** The same, at most {@code max} characters: a newline in a value can never start a forged log line. */
    public static String printable(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < s.length() ? b + "... (" + s.length() + " chars)" : b.toString();
    }
}

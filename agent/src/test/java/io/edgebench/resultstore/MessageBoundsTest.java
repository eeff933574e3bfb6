package io.edgebench.resultstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The checks before SQL (issue 21): what passes fits every column on both databases, the rest says why. */
class MessageBoundsTest {
    private static final long NOW = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    @Test
    void poisonResults_eachRejectedWithItsReason() {
        for (PoisonMessages.Poison p : PoisonMessages.results("lab9", 10)) {
            String[] levels = p.topic().split("/", 4);
            UnstorableException e = assertThrows(
                    UnstorableException.class,
                    () -> MessageBounds.result(levels[1], levels[3], p.payload(), NOW),
                    p.topic());
            if (p.reason() != QuarantineReason.BAD_TOPIC) {
                assertEquals(p.reason(), e.reason(), p.topic() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void poisonStatuses_eachRejectedWithItsReason() {
        for (PoisonMessages.Poison p : PoisonMessages.statuses(4)) {
            String device = p.topic().split("/")[1];
            UnstorableException e = assertThrows(
                    UnstorableException.class, () -> MessageBounds.status(device, p.payload(), NOW), p.topic());
            assertEquals(p.reason(), e.reason(), e.getMessage());
        }
    }

    @Test
    void farFutureTs_messageNamesTheValueAndTheBound() {
        UnstorableException e = assertThrows(
                UnstorableException.class,
                () -> MessageBounds.status(
                        "pi4-lab", bytes("{\"state\":\"online\",\"ts\":\"2027-01-01T00:00:00Z\"}"), NOW));
        assertEquals(
                "ts [2027-01-01T00:00:00Z] must lie between 1970 and one day after the collector's clock"
                        + " [2026-12-01T10:00:00Z] (is the board's clock set? check timedatectl)",
                e.getMessage());
    }

    @Test
    void nul_isShownEscaped_neverRaw() {
        UnstorableException e = assertThrows(
                UnstorableException.class,
                () -> MessageBounds.result("pi4-lab", "j1", bytes("{\"status\":\"o\\u0000k\\nforged=1\"}"), NOW));
        assertEquals(
                "status [o\\u0000k\\u000aforged=1] contains a NUL character (U+0000), which neither database"
                        + " stores in text",
                e.getMessage());
    }

    @Test
    void validResult_aDayOfClockSkewIsAccepted_claimedDeviceFlagged() throws Exception {
        ResultMessage m = MessageBounds.result(
                "evil",
                "x",
                bytes("{\"device_id\":\"lab1\",\"job_id\":\"x\","
                        + "\"verb\":\"bench\",\"status\":\"ok\",\"finished_ts\":\"2026-12-02T09:00:00Z\"}"),
                NOW);
        assertEquals("evil", m.deviceId());
        assertEquals("lab1", m.claimedDeviceId());
        ResultMessage same = MessageBounds.result("lab1", "x", bytes("{\"device_id\":\"lab1\"}"), NOW);
        assertNull(same.claimedDeviceId());
    }

    @Test
    void longModelName_isClipped_notRefused() throws Exception {
        String name = "m".repeat(300) + ".tflite";
        ResultMessage m = MessageBounds.result(
                "pi4-lab",
                "j1",
                bytes("{\"result\":{\"runtime\":\"tflite\"," + "\"model\":{\"path\":\"/x/" + name
                        + "\"},\"latency_us\":{\"p50\":1}}}"),
                NOW);
        assertEquals(name, m.lanes().get(0).modelName());
    }

    @Test
    void tooManyLanes_refused() {
        String lanes = "{\"runtime\":\"tflite\"},".repeat(MessageBounds.MAX_LANES + 1);
        UnstorableException e = assertThrows(
                UnstorableException.class,
                () -> MessageBounds.result(
                        "pi4-lab",
                        "j1",
                        bytes("{\"result\":{\"results\":[" + lanes.substring(0, lanes.length() - 1) + "]}}"),
                        NOW));
        assertEquals(QuarantineReason.TOO_MANY_LANES, e.reason());
    }

    @Test
    void resultFields_farFutureInstant_isAbsentNotAnException() throws Exception {
        var n = io.edgebench.json.Json.mapper().readTree("{\"ts\":\"+999999999-12-31T23:59:59Z\"}");
        assertNull(ResultFields.epochMs(n, "ts"));
        assertTrue(Topics.ID.matcher("lab1").matches());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

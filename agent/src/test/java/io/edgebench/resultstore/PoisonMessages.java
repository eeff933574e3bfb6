package io.edgebench.resultstore;

import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages no retry can store (issue 21's hostile cases): far-future and overflowing timestamps, NUL bytes, fields
 * longer than their columns, non-JSON, invalid UTF-8, bad topic levels. Each with the quarantine reason expected.
 */
public final class PoisonMessages {
    /** One poison message: where it is published, its bytes, and why it must land in quarantine. */
    public record Poison(String topic, byte[] payload, QuarantineReason reason) {}

    private PoisonMessages() {}

    /** {@code n} poison results (kinds cycled, each on its own job id, so each is one quarantine row). */
    public static List<Poison> results(String device, int n) {
        List<Poison> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String job = "poison-" + i;
            String topic = Topics.result(device, job);
            String head = "{\"device_id\":\"" + device + "\",\"job_id\":\"" + job + "\",";
            Poison p = switch (i % 10) {
                case 0 ->
                    json(
                            topic,
                            head + "\"verb\":\"bench\",\"status\":\"ok\",\"finished_ts\":"
                                    + "\"+999999999-12-31T23:59:59Z\"}",
                            QuarantineReason.TIME_OUT_OF_RANGE);
                case 1 ->
                    json(
                            topic,
                            head + "\"verb\":\"bench\",\"status\":\"ok\",\"finished_ts\":"
                                    + "\"2999-01-01T00:00:00Z\"}",
                            QuarantineReason.TIME_OUT_OF_RANGE);
                case 2 ->
                    json(
                            topic,
                            head + "\"verb\":\"bench\",\"status\":\"ok\",\"result\":{\"runtime\":\"tflite\","
                                    + "\"model\":{\"path\":\"models/a\\u0000b.tflite\"},\"latency_us\":{\"p50\":1}}}",
                            QuarantineReason.NUL_IN_FIELD);
                case 3 ->
                    json(topic, head + "\"verb\":\"bench\",\"status\":\"o\\u0000k\"}", QuarantineReason.NUL_IN_FIELD);
                case 4 ->
                    json(
                            topic,
                            head + "\"verb\":\"" + "v".repeat(40) + "\",\"status\":\"ok\"}",
                            QuarantineReason.FIELD_TOO_LONG);
                case 5 ->
                    json(
                            topic,
                            head + "\"verb\":\"bench\",\"status\":\"ok\",\"result\":{\"runtime\":\"" + "r".repeat(33)
                                    + "\",\"latency_us\":{\"p50\":1}}}",
                            QuarantineReason.FIELD_TOO_LONG);
                case 6 -> json(topic, "[1,2,3]", QuarantineReason.NOT_JSON);
                case 7 ->
                    new Poison(
                            topic,
                            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                            QuarantineReason.NOT_JSON);
                case 8 ->
                    json(
                            topic,
                            head + "\"verb\":\"bench\",\"status\":\"ok\",\"finished_ts\":\"yesterday\"}",
                            QuarantineReason.BAD_FIELD);
                default ->
                    json(
                            Topics.ROOT + "/" + device + "/result/bad job " + i,
                            head + "\"status\":\"ok\"}",
                            QuarantineReason.BAD_TOPIC);
            };
            out.add(p);
        }
        return out;
    }

    /** {@code n} poison retained statuses, one per device {@code ghost<i>} (the reproduction first). */
    public static List<Poison> statuses(int n) {
        List<Poison> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String topic = Topics.status("ghost" + i);
            out.add(
                    switch (i % 4) {
                        case 0, 1 ->
                            json(
                                    topic,
                                    "{\"state\":\"online\",\"ts\":\"+999999999-12-31T23:59:59Z\"}",
                                    QuarantineReason.TIME_OUT_OF_RANGE);
                        case 2 -> json(topic, "{\"state\":\"on\\u0000line\"}", QuarantineReason.NUL_IN_FIELD);
                        default ->
                            json(topic, "{\"state\":\"" + "s".repeat(17) + "\"}", QuarantineReason.FIELD_TOO_LONG);
                    });
        }
        return out;
    }

    private static Poison json(String topic, String payload, QuarantineReason reason) {
        return new Poison(topic, payload.getBytes(StandardCharsets.UTF_8), reason);
    }
}

package io.edgebench.rig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.results.Phase;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.AgentStatus;
import io.edgebench.wire.AgentVersion;
import io.edgebench.wire.Progress;
import io.edgebench.wire.Reply;
import io.edgebench.wire.ReplyData;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an emulated agent says, in the agent's own records: its retained status and will, the reply that accepts a
 * bench, one progress message and the result a worker would have produced (a seeded fixture lane, no runtime).
 */
final class FakeWorker {
    private FakeWorker() {}

    static byte[] status(String deviceId, AgentState state) {
        return bytes(new AgentStatus(
                AgentStatus.SCHEMA_VERSION,
                state,
                deviceId,
                AgentVersion.current(),
                "rig",
                Map.of("tflite", "2.21.0"),
                List.of(),
                0,
                null,
                Instant.now().toString()));
    }

    /** The job id of a bench request, or null when the payload is not one (the agent would reject it). */
    static String jobId(byte[] payload) {
        try {
            JsonNode n = Json.lenient().readTree(payload);
            String id = n.path("job_id").asText(null);
            return id == null || !Topics.ID.matcher(id).matches() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] accepted(String deviceId, String jobId) {
        return bytes(Reply.ok(Topics.BENCH, deviceId, Instant.now().toString(), new ReplyData.Accepted(jobId, 0)));
    }

    static byte[] rejected(String deviceId, String verb) {
        return bytes(Reply.rejected(
                verb,
                deviceId,
                Instant.now().toString(),
                Topics.ERR_UNKNOWN_VERB,
                "Command [" + verb + "] is not emulated by the load rig's fake worker; it runs bench only."));
    }

    static byte[] progress(String jobId) {
        return bytes(Progress.of(jobId, Phase.RUN, 50, 100, 0.5, Instant.now().toString()));
    }

    static byte[] result(String deviceId, String jobId, long seed) {
        Board board = Board.values()[(int) (seed % Board.values().length)];
        return bytes(ResultFixtures.bench(deviceId, jobId, board, "tflite", "xnnpack", seed, false));
    }

    private static byte[] bytes(Object o) {
        try {
            return Json.mapper().writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a protocol record did not serialize: " + e.getMessage(), e);
        }
    }
}

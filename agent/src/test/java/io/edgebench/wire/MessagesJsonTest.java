package io.edgebench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.results.BenchResult;
import io.edgebench.results.CompareReport;
import io.edgebench.results.CompareRequest;
import io.edgebench.results.Delegate;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.LaneOptions;
import io.edgebench.results.ModelFormat;
import io.edgebench.results.Phase;
import io.edgebench.results.RuntimeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outgoing messages as records: the JSON keys docs/mqtt.md names, in the first release's shapes. */
class MessagesJsonTest {

    private static String json(Object o) throws Exception {
        return Json.mapper().writeValueAsString(o);
    }

    @Test
    void status_keepsNullCurrentJobAndProfile_asTheFirstReleaseDid() throws Exception {
        String s = json(new AgentStatus(
                AgentStatus.SCHEMA_VERSION,
                AgentState.ONLINE,
                "pi5-lab",
                "0.1.0",
                null,
                Map.of("tflite", "2.21.0"),
                List.of("edgetpu:usb:0"),
                0,
                null,
                "2026-01-01T00:00:00Z"));
        assertEquals(
                "{\"schema_version\":1,\"state\":\"online\",\"device_id\":\"pi5-lab\",\"version\":\"0.1.0\","
                        + "\"profile\":null,\"runtimes\":{\"tflite\":\"2.21.0\"},\"accelerators\":[\"edgetpu:usb:0\"],"
                        + "\"queue_length\":0,\"current_job\":null,\"ts\":\"2026-01-01T00:00:00Z\"}",
                s);
    }

    @Test
    void reply_okCarriesData_rejectedCarriesCodeAndError() throws Exception {
        assertEquals(
                "{\"ok\":true,\"verb\":\"cancel\",\"device_id\":\"d\",\"ts\":\"t\",\"schema_version\":1,"
                        + "\"data\":{\"job_id\":\"j1\",\"was\":\"queued\"}}",
                json(Reply.ok("cancel", "d", "t", new ReplyData.Cancelled("j1", JobStage.QUEUED))));
        assertEquals(
                "{\"ok\":false,\"verb\":\"bench\",\"device_id\":\"d\",\"ts\":\"t\",\"schema_version\":1,"
                        + "\"code\":\"bad_request\",\"error\":\"Command [bench] rejected\"}",
                json(Reply.rejected("bench", "d", "t", Topics.ERR_BAD_REQUEST, "Command [bench] rejected")));
    }

    @Test
    void progress_leavesOutAnUnknownEta() throws Exception {
        JsonNode p = Json.mapper().readTree(json(Progress.of("j1", Phase.IDLE_BASELINE, 0, 0, -1, "t")));
        assertEquals("idle_baseline", p.get("phase").asText());
        assertFalse(p.has("eta_s"), p.toString());
        JsonNode run = Json.mapper().readTree(json(Progress.of("j1", Phase.RUN, 5, 50, 2.5, "t")));
        assertEquals(2.5, run.get("eta_s").asDouble());
        assertEquals(50, run.get("runs_target").asLong());
    }

    @Test
    void jobResult_carriesTheOutputItself_andItsStatusById() throws Exception {
        BenchResult bench = BenchResult.builder()
                .model(new BenchResult.ModelRef("m.tflite", "ab", ModelFormat.TFLITE))
                .runtime(RuntimeKind.TFLITE)
                .delegate(Delegate.CPU)
                .threads(1)
                .seed(1)
                .status(BenchResult.Status.FAILED)
                .error("boom")
                .errorKind("crash")
                .valid(false)
                .build();
        JobOutput out = JobOutput.of(bench);
        assertTrue(out.failed());
        JobResult r = new JobResult(
                JobResult.SCHEMA_VERSION, "j1", "d", "bench", JobStatus.FAILED, "boom", null, "a", "s", "f", out);
        JsonNode tree = Json.mapper().readTree(json(r));
        assertEquals("failed", tree.get("status").asText());
        assertEquals("m.tflite", tree.at("/result/model/path").asText(), tree.toString());
        assertEquals("crash", tree.at("/result/error_kind").asText());
        assertEquals(1, tree.get("schema_version").asInt());
    }

    @Test
    void compareOutput_failsWhenOneLaneFailed() {
        BenchResult ok = BenchResult.builder()
                .runtime(RuntimeKind.ONNX)
                .delegate(Delegate.CPU)
                .threads(1)
                .build();
        BenchResult failed =
                ok.toBuilder().status(BenchResult.Status.FAILED).error("x").build();
        CompareReport good = CompareReport.builder(List.of("a"), List.of(ok))
                .agreement(List.of(1L), 0.1, 1.0, List.of())
                .build();
        CompareReport bad = CompareReport.builder(List.of("a", "b"), List.of(ok, failed))
                .agreement(List.of(1L), 0.1, 1.0, List.of())
                .build();
        assertFalse(JobOutput.of(good).failed());
        assertTrue(JobOutput.of(bad).failed());
        BenchResult cancelled =
                ok.toBuilder().status(BenchResult.Status.CANCELLED).error("c").build();
        assertFalse(JobOutput.of(cancelled).failed(), "a cancelled bench is reported cancelled, not failed");
    }

    @Test
    void vocabularies_roundTripByTheirWireIds() throws Exception {
        assertEquals(JobStatus.INTERRUPTED, Json.mapper().readValue("\"interrupted\"", JobStatus.class));
        assertEquals(Phase.WARMUP, Json.mapper().readValue("\"warmup\"", Phase.class));
        assertEquals(ErrorKind.OUT_OF_MEMORY, Json.mapper().readValue("\"out_of_memory\"", ErrorKind.class));
        assertEquals(65, ErrorKind.MODEL.exitCode());
        assertEquals(Topics.ERR_NOT_AVAILABLE, ErrorKind.UNAVAILABLE.mqttCode());
    }

    @Test
    void compareRequest_writesWhatTheAgentsParserAccepts() throws Exception {
        ObjectNode payload = SendPayload.write(CompareRequest.of(
                List.of("m.tflite", "m.onnx"), List.of("tflite:xnnpack", "onnx:cpu"), LaneOptions.runs(30), 0));
        assertEquals(
                "{\"models\":[\"m.tflite\",\"m.onnx\"],\"delegates\":[\"tflite:xnnpack\",\"onnx:cpu\"],"
                        + "\"heat_blocks\":0,\"runs\":30}",
                payload.toString());
        Command c =
                new CommandParser(1 << 20).parse(Topics.COMPARE, json(payload).getBytes(StandardCharsets.UTF_8));
        Command.Compare compare = assertInstanceOf(Command.Compare.class, c);
        assertEquals(List.of("m.tflite", "m.onnx"), compare.models());
        assertEquals(30, compare.template().runs());
        assertEquals(0, compare.template().measure().verdict().heatBlocks());
    }
}

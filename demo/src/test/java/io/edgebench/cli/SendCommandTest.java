package io.edgebench.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.bench.ResultTable;
import io.edgebench.broker.EmbeddedBroker;
import io.edgebench.json.Json;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.ModelFormat;
import io.edgebench.results.RuntimeKind;
import io.edgebench.wire.CommandParser;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** `edgebench send` against a real broker over TCP, with a scripted agent on the other side. */
@Timeout(value = 60, unit = SECONDS)
class SendCommandTest {
    private static final EmbeddedBroker BROKER = new EmbeddedBroker();
    private final List<FakeAgent> agents = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() throws IOException {
        BROKER.start(0);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @AfterEach
    void stopAgents() throws Exception {
        for (FakeAgent a : agents) {
            a.close();
        }
    }

    private int send(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("send", "--broker", BROKER.url()));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    @Test
    void ping_printsTheAgentsReply() throws Exception {
        agents.add(new FakeAgent(
                BROKER.url(),
                "pi-ping",
                (verb, req) -> FakeAgent.ok(Json.mapper()
                        .createObjectNode()
                        .put("pong", true)
                        .put("version", "0.1.0")
                        .put("uptime_s", 12))));
        assertEquals(ExitCode.OK, send("--device", "pi-ping", "ping"), err.toString());
        assertEquals("pong: edgebench 0.1.0, up 12 s, queue 0, current job none\n", out.toString());
    }

    @Test
    void fields_reachTheAgentAsTypedJson() throws Exception {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        agents.add(new FakeAgent(BROKER.url(), "pi-fields", (verb, req) -> {
            seen.set(req);
            return FakeAgent.ok(Json.mapper().createObjectNode());
        }));
        assertEquals(ExitCode.OK, send("--device", "pi-fields", "inspect", "model=m.tflite", "threads=2"));
        assertEquals("{\"model\":\"m.tflite\",\"threads\":2}", seen.get().toString());
    }

    @Test
    void rejection_printsTheAgentsErrorAndMapsTheCode() throws Exception {
        agents.add(new FakeAgent(
                BROKER.url(),
                "pi-reject",
                (verb, req) -> FakeAgent.rejected(
                        Topics.ERR_BAD_REQUEST,
                        "Command [bench] rejected: model \"m.tflite\" not found in the models directory.")));
        assertEquals(ExitCode.USAGE, send("--device", "pi-reject", "bench", "model=m.tflite", "runs=5"));
        assertTrue(
                err.toString().contains("rejected [bench] (bad_request): Command [bench] rejected: model \"m.tflite\""),
                err.toString());
    }

    @Test
    void requestAboveTheAgentsLimit_isRefusedHereInsteadOfDroppedByTheBroker() throws Exception {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        agents.add(new FakeAgent(BROKER.url(), "pi-big", (verb, req) -> {
            seen.set(req);
            return FakeAgent.ok(Json.mapper().createObjectNode());
        }));
        assertEquals(ExitCode.USAGE, send("--device", "pi-big", "inspect", "model=" + "m".repeat(40_000)));
        assertTrue(
                err.toString()
                        .matches("(?s).*request \\[inspect] is 400\\d\\d bytes; an agent takes at most "
                                + CommandParser.MAX_SMALL_PAYLOAD_BYTES + " for this verb\\..*"),
                err.toString());
        assertNull(seen.get(), "nothing is published");
    }

    @Test
    void outOfRangeField_isRefusedBeforeAnythingIsSent() throws Exception {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        agents.add(new FakeAgent(BROKER.url(), "pi-local", (verb, req) -> {
            seen.set(req);
            return FakeAgent.ok(Json.mapper().createObjectNode());
        }));
        assertEquals(ExitCode.USAGE, send("--device", "pi-local", "bench", "model=m.tflite", "runs=0"));
        assertTrue(err.toString().contains("field \"runs\" must be an integer 1..100000, got [0]"), err.toString());
        assertNull(seen.get(), "the agent must not see a request the schema refuses");
    }

    @Test
    void compare_waitsForTheResultAndPrintsBothRuntimesSideBySide() throws Exception {
        AtomicReference<FakeAgent> self = new AtomicReference<>();
        self.set(new FakeAgent(BROKER.url(), "pi-job", (verb, req) -> {
            String jobId = req.get("job_id").asText();
            // the result may well overtake the acceptance: the controller subscribed before sending
            new Thread(() -> {
                        self.get().publishProgress(jobId, "run");
                        self.get().publishResult(jobId, "ok", compareResult());
                    })
                    .start();
            return FakeAgent.ok(
                    Json.mapper().createObjectNode().put("job_id", jobId).put("queue_position", 0));
        }));
        agents.add(self.get());
        assertEquals(
                ExitCode.OK, send("--device", "pi-job", "compare", "models=tiny.tflite,tiny.onnx"), err.toString());
        String table = out.toString();
        assertTrue(table.contains("tflite/xnnpack") && table.contains("onnx/cpu"), table);
        assertTrue(table.contains("latency p50") && table.contains("250.0 us") && table.contains("1.50 ms"), table);
        assertTrue(table.contains("fastest (median latency): tflite/xnnpack; 6.00x faster than onnx/cpu"), table);
        assertTrue(err.toString().contains("accepted by pi-job (queue position 0)"), err.toString());
    }

    /**
     * A newer agent's result: fields this controller does not know, at the top, nested, and a model format it does
     * not know. It still renders through the typed bench table, as the same result without them would, the format
     * shown as "?".
     */
    @Test
    void benchResultWithUnknownFields_isReadLeniently_andRenderedAsABenchResult() throws Exception {
        BenchResult known = BenchResult.builder()
                .model(new BenchResult.ModelRef("m.tflite", "ab".repeat(32), ModelFormat.TFLITE))
                .runtime(RuntimeKind.TFLITE)
                .runtimeVersion("2.21.0")
                .delegate(Delegate.XNNPACK)
                .threads(4)
                .seed(1)
                .loadUs(1200L)
                .initUs(800L)
                .firstInferenceUs(900L)
                .warmup(new BenchResult.Warmup(5, 262.0))
                .runs(50L)
                .timedWindow(new BenchResult.TimedWindow(1_000_000_000L, 1_013_000_000L))
                .latencyUs(LatencyStats.ofNanos(new long[] {250_000, 260_000, 270_000}, 3))
                .throughputIps(3900.0)
                .host(new BenchResult.Host("aarch64", 4, "6.6"))
                .build();
        ObjectNode newer = Json.mapper().valueToTree(known);
        newer.put("energy_per_inference_mj", 0.42);
        newer.putObject("verdict").put("faster_than_previous", true);
        ((ObjectNode) newer.get("latency_us")).put("p9999", 280.0);
        ((ObjectNode) newer.get("host")).put("board_revision", "d04170");
        ((ObjectNode) newer.get("model")).put("format", "gguf"); // a format this version does not know
        AtomicReference<FakeAgent> self = new AtomicReference<>();
        self.set(new FakeAgent(BROKER.url(), "pi-newer", (verb, req) -> {
            String jobId = req.get("job_id").asText();
            new Thread(() -> self.get().publishResult(jobId, Topics.BENCH, "ok", newer)).start();
            return FakeAgent.ok(
                    Json.mapper().createObjectNode().put("job_id", jobId).put("queue_position", 0));
        }));
        agents.add(self.get());
        assertEquals(ExitCode.OK, send("--device", "pi-newer", "bench", "model=m.tflite"), err.toString());
        String expected = ResultTable.render(known).replace("m.tflite  (tflite, ", "m.tflite  (?, ");
        assertTrue(out.toString().contains(expected), "expected the bench table of\n" + expected + "\ngot:\n" + out);
    }

    @Test
    void failedJob_exitsOneWithTheAgentsReason() throws Exception {
        AtomicReference<FakeAgent> self = new AtomicReference<>();
        self.set(new FakeAgent(BROKER.url(), "pi-fail", (verb, req) -> {
            String jobId = req.get("job_id").asText();
            new Thread(() -> self.get().publishResult(jobId, "failed", null)).start();
            return FakeAgent.ok(
                    Json.mapper().createObjectNode().put("job_id", jobId).put("queue_position", 0));
        }));
        agents.add(self.get());
        assertEquals(ExitCode.FAILED, send("--device", "pi-fail", "bench", "model=m.tflite"));
        assertTrue(err.toString().contains("ended failed: the worker crashed"), err.toString());
    }

    @Test
    void noAgent_timesOutWithUnknownStatus() {
        assertEquals(ExitCode.UNAVAILABLE, send("--device", "ghost", "--timeout", "1", "ping"));
        assertTrue(err.toString().contains("No reply from device [ghost] to [ping] within 1 s"), err.toString());
        assertTrue(
                err.toString().contains("status: unknown: no retained status on edgebench/ghost/status"),
                err.toString());
    }

    @Test
    void offlineAgent_timeoutSaysOffline() throws Exception {
        MqttClient c = new MqttClient(BROKER.url(), "will-stand-in", new MemoryPersistence());
        c.connect();
        c.publish(
                Topics.status("sleepy"),
                new MqttMessage(
                        "{\"state\":\"offline\",\"device_id\":\"sleepy\"}".getBytes(StandardCharsets.UTF_8),
                        1,
                        true,
                        null));
        c.disconnect();
        c.close();
        assertEquals(ExitCode.UNAVAILABLE, send("--device", "sleepy", "--timeout", "1", "ping"));
        assertTrue(err.toString().contains("(status: offline)"), err.toString());
    }

    @Test
    void unreachableBroker_exits69WithTheUrl() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("send", "--broker", "tcp://127.0.0.1:" + closed, "--device", "pi", "ping");
        assertEquals(ExitCode.UNAVAILABLE, code);
        assertTrue(err.toString().contains("Broker [tcp://127.0.0.1:" + closed + "] is unreachable"), err.toString());
    }

    @Test
    void fleet_collectsEveryAgentsReply() throws Exception {
        for (String id : List.of("fleet-a", "fleet-b")) {
            agents.add(new FakeAgent(
                    BROKER.url(),
                    id,
                    (verb, req) -> FakeAgent.ok(Json.mapper()
                            .createObjectNode()
                            .put("pong", true)
                            .put("version", "0.1.0")
                            .put("uptime_s", 1))));
        }
        assertEquals(ExitCode.OK, send("--fleet", "--timeout", "2", "ping"));
        assertTrue(
                out.toString().contains("fleet-a: pong") && out.toString().contains("fleet-b: pong"), out.toString());
    }

    @Test
    void unknownVerb_isAUsageError() {
        assertEquals(ExitCode.USAGE, send("--device", "pi", "reboot"));
        assertTrue(err.toString().contains("verb [reboot] must be one of ping, inspect"), err.toString());
    }

    static JsonNode compareResult() {
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("runs").add(run("tflite", "xnnpack", 250)).add(run("onnx", "cpu", 1500));
        return result;
    }

    private static ObjectNode run(String runtime, String delegate, double p50) {
        ObjectNode r = Json.mapper()
                .createObjectNode()
                .put("runtime", runtime)
                .put("delegate", delegate)
                .put("status", "ok")
                .put("runs", 50)
                .put("threads", 2);
        r.putObject("model").put("path", "models/tiny." + runtime);
        r.putObject("latency_us")
                .put("p50", p50)
                .put("p90", p50 * 1.1)
                .put("p99", p50 * 1.3)
                .put("mean", p50);
        return r;
    }
}

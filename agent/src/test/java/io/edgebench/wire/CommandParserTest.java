package io.edgebench.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {
    private final CommandParser parser = new CommandParser(1024);

    private Command parse(String verb, String json) throws CommandRejectedException {
        return parser.parse(verb, json.getBytes(StandardCharsets.UTF_8));
    }

    private CommandRejectedException reject(String verb, String json) {
        return assertThrows(CommandRejectedException.class, () -> parse(verb, json));
    }

    @Test
    void bench_fullRequest_becomesBenchParams() throws Exception {
        Command.Bench b = (Command.Bench) parse(
                "bench",
                "{\"model\":\"m.tflite\",\"runtime\":\"tflite\","
                        + "\"delegate\":\"cpu\",\"threads\":2,\"runs\":10,\"min_seconds\":0.5,\"input_shapes\":{\"x\":[1,3]},"
                        + "\"cooldown_to_c\":60,\"edge_tpu\":{\"performance\":\"low\"},\"job_id\":\"j-1\"}");
        assertEquals("m.tflite", b.params().model().toString());
        assertEquals(RuntimeKind.TFLITE, b.params().runtime());
        assertEquals(Delegate.CPU, b.params().delegate());
        assertEquals(10, b.params().runs());
        assertEquals(List.of(1L, 3L), b.params().inputShapes().get("x"));
        assertEquals(60.0, b.params().cooldownToC());
        assertEquals("low", b.params().edgeTpu().performance());
        assertEquals("j-1", b.jobId());
    }

    @Test
    void bench_edgetpuFields_becomeEdgeTpuOptions() throws Exception {
        Command.Bench b = (Command.Bench) parse(
                "bench",
                "{\"model\":\"m_edgetpu.tflite\",\"delegate\":\"edgetpu\","
                        + "\"edgetpu_device\":\"usb:1\",\"edgetpu_performance\":\"medium\",\"require_full_delegation\":true,"
                        + "\"edge_tpu\":{\"usb_max_bulk_in_queue_length\":8}}");
        assertEquals(Delegate.EDGETPU, b.params().delegate());
        assertEquals("usb:1", b.params().edgeTpu().device());
        assertEquals("medium", b.params().edgeTpu().performance());
        assertEquals(8, b.params().edgeTpu().usbMaxBulkInQueueLength());
        assertTrue(b.params().requireFullDelegation());
        Command.Compare c = (Command.Compare) parse(
                "compare",
                "{\"models\":[\"a.tflite\"],\"delegates\":[\"tflite:edgetpu\"]," + "\"edgetpu_performance\":\"low\"}");
        assertEquals("low", c.template().edgeTpu().performance());
        Command.Bench d = (Command.Bench) parse("bench", "{\"model\":\"m.tflite\",\"delegate\":\"edgetpu\"}");
        assertNull(d.params().edgeTpu().device());
        assertEquals("max", d.params().edgeTpu().performance());
    }

    @Test
    void bench_defaultsFromBenchParams() throws Exception {
        Command.Bench b = (Command.Bench) parse("bench", "{\"model\":\"m.onnx\"}");
        assertEquals(50, b.params().runs());
        assertNull(b.jobId());
    }

    @Test
    void emptyPayload_isAnEmptyObject() throws Exception {
        assertInstanceOf(Command.Ping.class, parser.parse("ping", new byte[0]));
    }

    @Test
    void runsZero_rejectedWithTheStyleGuideMessage() {
        assertEquals(
                "Command [bench] rejected: field \"runs\" must be an integer 1..100000, got [0]. Example:"
                        + " {\"model\":\"ssd.tflite\",\"runs\":50}",
                reject("bench", "{\"model\":\"ssd.tflite\",\"runs\":0}").getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bench|{\"model\":\"../x.tflite\"}|got [../x.tflite]",
                "bench|{\"model\":\"/etc/passwd\"}|got [/etc/passwd]",
                "bench|{\"model\":\".hidden\"}|not starting with '.'",
                "bench|{\"model\":\"a\\\\b\"}|got [a\\b]",
                "bench|{\"model\":5}|field \"model\" must be a string, got [5]",
                "bench|{}|field \"model\" is required",
                "bench|{\"model\":\"m\",\"runs\":1.5}|must be an integer 1..100000, got [1.5]",
                "bench|{\"model\":\"m\",\"runs\":1e12}|got [1.0E12]",
                "bench|{\"model\":\"m\",\"threads\":999}|field \"threads\" must be an integer 1..256, got [999]",
                "bench|{\"model\":\"m\",\"max_seconds\":-1}|field \"max_seconds\" must be a number 0.001..3600, got [-1]",
                "bench|{\"model\":\"m\",\"min_seconds\":10,\"max_seconds\":5}|min_seconds [10.0] must not exceed max_seconds",
                "bench|{\"model\":\"m\",\"runtime\":\"tvm\"}|runtime [tvm] must be one of tflite, onnx",
                "bench|{\"model\":\"m\",\"onnx_spinning\":\"yes\"}|must be true or false",
                "bench|{\"model\":\"m\",\"input_shapes\":{\"x\":[0]}}|field \"input_shapes\" must be an object mapping input names to arrays of 1..8 dims 1..1000000, got [{\"x\":[0]}]",
                "bench|{\"model\":\"m\",\"job_id\":\"a/b\"}|field \"job_id\" must be 1-64 characters",
                "bench|{\"model\":\"m\",\"edge_tpu\":{\"performance\":\"ludicrous\"}}|must be one of max, high, medium, low",
                "bench|{\"model\":\"m\",\"edgetpu_performance\":\"turbo\"}|field \"edgetpu_performance\" [turbo] must be one of max, high, medium, low",
                "bench|{\"model\":\"m\",\"edgetpu_device\":\"usb0\"}|field \"edgetpu_device\" [usb0] must be usb, pci, usb:N, pci:N or :N",
                "bench|{\"model\":\"m\",\"edge_tpu\":{\"device\":\"tpu\"}}|field \"edge_tpu.device\" [tpu] must be usb, pci",
                "bench|{\"model\":\"m\",\"edgetpu_device\":3}|field \"edgetpu_device\" must be a string, got [3]",
                "bench|{\"model\":\"m\",\"edgetpu_device\":\"usb\",\"edge_tpu\":{\"device\":\"pci\"}}|either field \"edgetpu_device\" or inside \"edge_tpu\", not both",
                "compare|{\"models\":[\"a\"],\"edgetpu_performance\":\"fast\"}|field \"edgetpu_performance\" [fast] must be one of",
                "bench|{\"model\":\"m\",\"modle\":1}|unknown field \"modle\"",
                "bench|not json|payload is not valid JSON",
                "bench|\"str\"|payload must be a JSON object",
                "ping|{\"x\":1}|unknown field \"x\"",
                "cancel|{}|field \"job_id\" is required",
                "compare|{\"models\":[]}|field \"models\" must be an array of 1..8 model file names",
                "compare|{\"models\":[\"../a\"]}|must hold model file names",
                "models/put|{\"name\":\"m\",\"size_bytes\":2,\"sha256\":\"xyz\",\"data_base64\":\"AAA=\"}|field \"sha256\" must be 64 lower-case hex digits",
                "models/put|{\"name\":\"m\",\"size_bytes\":5000,\"sha256\":\"x\",\"data_base64\":\"\"}|field \"size_bytes\" must be an integer 1..1024",
            })
    void badRequests_rejectedWithWhatValueAndExpectation(String verb, String json, String expected) {
        CommandRejectedException e = reject(verb, json);
        assertEquals(Topics.ERR_BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("Command [" + verb + "] rejected: "), e.getMessage());
    }

    @Test
    void unknownVerb_listsTheKnownOnes() {
        CommandRejectedException e = reject("reboot", "{}");
        assertEquals(Topics.ERR_UNKNOWN_VERB, e.code());
        assertEquals(
                "Command [reboot] rejected: unknown verb. Expected one of ping, inspect, sensors, bench, compare,"
                        + " cancel, models/list, models/put, models/delete, inputs/put, sets/put, sets/delete.",
                e.getMessage());
    }

    @Test
    void oversizedPayload_rejectedBeforeParsing() {
        CommandRejectedException e = reject("bench", "x".repeat(CommandParser.MAX_SMALL_PAYLOAD_BYTES + 1));
        assertEquals(Topics.ERR_TOO_LARGE, e.code());
    }

    @Test
    void modelsPut_decodesAndChecksDeclaredSize() throws Exception {
        String sha = "a".repeat(64);
        Command.ModelsPut p = (Command.ModelsPut) parse(
                "models/put",
                "{\"name\":\"m.tflite\",\"size_bytes\":3,\"sha256\":\"" + sha + "\",\"data_base64\":\"AAEC\"}");
        assertArrayEquals(new byte[] {0, 1, 2}, p.data());
        assertTrue(p.last());
        Command.ModelsPut first = (Command.ModelsPut) parse(
                "models/put",
                "{\"name\":\"m.tflite\",\"size_bytes\":4,\"sha256\":\"" + sha + "\",\"data_base64\":\"AAEC\"}");
        org.junit.jupiter.api.Assertions.assertFalse(first.last(), "3 of 4 bytes: a first part");
        CommandRejectedException e = reject(
                "models/put",
                "{\"name\":\"m.tflite\",\"size_bytes\":4,\"offset\":2," + "\"sha256\":\"" + sha
                        + "\",\"data_base64\":\"AAEC\"}");
        assertTrue(
                e.getMessage()
                        .contains("decodes to 3 bytes at offset [2]; a part"
                                + " must hold 1..32768 bytes inside size_bytes [4]"),
                e.getMessage());
    }

    @Test
    void topics_verbOf_andIdChecks() {
        assertEquals("models/put", Topics.verbOf("edgebench/pi/cmd/models/put").orElseThrow());
        assertEquals("ping", Topics.verbOf("edgebench/fleet/cmd/ping").orElseThrow());
        assertTrue(Topics.verbOf("edgebench/pi/status").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Topics.checkDeviceId("fleet"));
        assertThrows(IllegalArgumentException.class, () -> Topics.checkDeviceId("a/#"));
    }

    private Command setsPut(String set, String path) throws CommandRejectedException {
        String body = "{\"set\":\"" + set + "\",\"path\":\"" + path + "\",\"size_bytes\":3,\"sha256\":\""
                + "0".repeat(64) + "\",\"data_base64\":\"AAEC\"}";
        return parser.parse(Topics.SETS_PUT, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void setsPut_takesAPathOfOneToThreePlainNames() throws Exception {
        Command.SetsPut p = assertInstanceOf(Command.SetsPut.class, setsPut("flowers", "daisy/001.png"));
        assertEquals("flowers", p.set());
        assertEquals("daisy/001.png", p.path());
        assertEquals(3, p.part().data().length);
        assertEquals("flowers/daisy/001.png", p.part().name());
        assertInstanceOf(Command.SetsPut.class, setsPut("ref", "outputs/logits/0001.npy"));
    }

    @ParameterizedTest
    @CsvSource({
        "flowers, a/b/c/d.png, field \"path\" must be",
        "flowers, daisy/../../x, field \"path\" must be",
        "flowers, .hidden/x.png, field \"path\" must be",
        "flowers, daisy//x.png, field \"path\" must be",
        "flowers, /etc/passwd, field \"path\" must be",
        "../up, x.png, field \"set\" must be a set's name",
        ".hidden, x.png, field \"set\" must be a set's name",
    })
    void setsPut_refusesPathsThatCouldLeaveTheSet(String set, String path, String message) {
        CommandRejectedException e = assertThrows(CommandRejectedException.class, () -> setsPut(set, path));
        assertEquals(Topics.ERR_BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void compare_namesSetsByPlainName_andOneSetChoosesTheInputs() {
        String base = "{\"models\":[\"m.tflite\"],\"delegates\":[\"tflite:cpu\"],";
        CommandRejectedException path = assertThrows(
                CommandRejectedException.class,
                () -> parser.parse(Topics.COMPARE, (base + "\"dataset\":\"../x\"}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(path.getMessage().contains("field \"dataset\" must be a set's name"), path.getMessage());
        CommandRejectedException both = assertThrows(
                CommandRejectedException.class,
                () -> parser.parse(
                        Topics.COMPARE,
                        (base + "\"dataset\":\"s\",\"reference\":\"r\"}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(
                both.getMessage().contains("field \"dataset\" [s] and field \"reference\" [r] both choose the inputs"),
                both.getMessage());
        CommandRejectedException input = assertThrows(
                CommandRejectedException.class,
                () -> parser.parse(
                        Topics.COMPARE,
                        (base + "\"dataset\":\"s\",\"input\":\"cat.png\"}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(input.getMessage().contains("drop input, inputs, input_value and input_range"), input.getMessage());
    }
}

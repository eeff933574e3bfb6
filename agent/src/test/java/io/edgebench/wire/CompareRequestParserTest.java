package io.edgebench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.Delegate;
import io.edgebench.results.Lane;
import io.edgebench.results.RuntimeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compare verb's payload: the CLI's options in snake_case, bounded, with teaching rejections. */
class CompareRequestParserTest {
    private final CommandParser parser = new CommandParser(1024);

    private Command.Compare parse(String json) throws CommandRejectedException {
        return assertInstanceOf(
                Command.Compare.class, parser.parse(Topics.COMPARE, json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void defaults_mirrorTheCli() throws Exception {
        Command.Compare c = parse("{\"models\":[\"a.tflite\",\"a.onnx\"]}");
        assertEquals(List.of("a.tflite", "a.onnx"), c.models());
        assertEquals(Lane.Choice.parseList("tflite:cpu,tflite:xnnpack,onnx:cpu"), c.choices());
        assertEquals(20, c.agreementSeeds().size());
        assertEquals(1L, c.agreementSeeds().get(0));
        assertEquals(1e-4, c.tolerance());
        assertEquals(1.0, c.minTop1());
    }

    @Test
    void everyField_isCarriedIntoTheCommand() throws Exception {
        Command.Compare c = parse("{\"job_id\":\"cmp-1\",\"models\":[\"a.tflite\"],\"delegates\":[\"tflite:xnnpack\","
                + "\"tflite:edgetpu\"],\"threads\":2,\"runs\":7,\"warmup_runs\":0,\"min_seconds\":0,\"max_seconds\":9,"
                + "\"seed\":100,\"agreement_inputs\":3,\"tolerance\":0.05,\"min_top1\":0.9}");
        assertEquals("cmp-1", c.jobId());
        assertEquals(
                List.of(
                        new Lane.Choice(RuntimeKind.TFLITE, Delegate.XNNPACK),
                        new Lane.Choice(RuntimeKind.TFLITE, Delegate.EDGETPU)),
                c.choices());
        assertEquals(2, c.template().threads());
        assertEquals(7, c.template().runs());
        assertEquals(100L, c.template().seed());
        assertEquals(List.of(100L, 101L, 102L), c.agreementSeeds());
        assertEquals(0.05, c.tolerance());
        assertEquals(0.9, c.minTop1());
        assertEquals(9.0, c.template().maxSeconds());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"models\":[]}|field \"models\" must be an array of 1..8 model file names, got [[]]",
                "{\"models\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]}|must be an array of 1..8",
                "{\"models\":[\"/etc/passwd\"]}|must hold model file names (no paths, no '..')",
                "{\"models\":[\"a\"],\"delegates\":\"tflite:cpu\"}|field \"delegates\" must be an array of 1..4 runtime:delegate strings",
                "{\"models\":[\"a\"],\"delegates\":[]}|must be an array of 1..4",
                "{\"models\":[\"a\"],\"delegates\":[\"tflite:cpu,onnx:cpu\"]}|got [\"tflite:cpu,onnx:cpu\"]",
                "{\"models\":[\"a\"],\"delegates\":[\"tflite\"]}|item [tflite] must look like runtime:delegate",
                "{\"models\":[\"a\"],\"delegates\":[\"onnx:xnnpack\"]}|use onnx:cpu",
                "{\"models\":[\"a\"],\"delegates\":[\"tvm:cpu\"]}|runtime [tvm] must be one of tflite, onnx",
                "{\"models\":[\"a\"],\"agreement_inputs\":0}|field \"agreement_inputs\" must be an integer 1..1000, got [0]",
                "{\"models\":[\"a\"],\"agreement_inputs\":5000}|must be an integer 1..1000, got [5000]",
                "{\"models\":[\"a\"],\"min_top1\":2}|field \"min_top1\" must be a number 0..1, got [2]",
                "{\"models\":[\"a\"],\"tolerance\":-1}|field \"tolerance\" must be a number",
                "{\"models\":[\"a\"],\"runs\":0}|field \"runs\" must be an integer 1..100000, got [0]",
                "{\"models\":[\"a\"],\"model\":\"a\"}|unknown field \"model\"",
                "{\"models\":[\"a\"],\"cooldown_to_c\":50}|unknown field \"cooldown_to_c\"",
            })
    void badRequests_nameTheFieldTheValueAndTheExpectation(String json, String expected) {
        CommandRejectedException e = assertThrows(CommandRejectedException.class, () -> parse(json));
        assertEquals(Topics.ERR_BAD_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("Command [compare] rejected: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("Example: {\"models\""), e.getMessage());
    }
}

package io.edgebench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendPayloadTest {
    @Test
    void keyValues_becomeTypedJson() throws Exception {
        ObjectNode n = SendPayload.build(
                "bench",
                null,
                List.of(
                        "model=m.tflite",
                        "runs=200",
                        "onnx_spinning=true",
                        "input_shapes={\"x\":[1,3,8,8]}",
                        "job_id=20261127T043000-abc"));
        // written from the BenchRequest record: its field order
        assertEquals(
                "{\"job_id\":\"20261127T043000-abc\",\"model\":\"m.tflite\",\"input_shapes\":{\"x\":[1,3,8,8]},"
                        + "\"onnx_spinning\":true,\"runs\":200}",
                n.toString());
    }

    @Test
    void benchAndCompare_areCheckedByTheSchemaBeforeSending() {
        IllegalArgumentException runs = assertThrows(
                IllegalArgumentException.class,
                () -> SendPayload.build("bench", null, List.of("model=m.tflite", "runs=0")));
        assertEquals("field \"runs\" must be an integer 1..100000, got [0]", runs.getMessage());
        IllegalArgumentException typo = assertThrows(
                IllegalArgumentException.class,
                () -> SendPayload.build("compare", null, List.of("models=a.tflite", "agreement_input=5")));
        assertTrue(
                typo.getMessage().startsWith("unknown field \"agreement_input\" (known: agreement_inputs, cpus,"),
                typo.getMessage());
    }

    @Test
    void models_takesACommaList() throws Exception {
        assertEquals(
                "{\"models\":[\"a.tflite\",\"b.onnx\"]}",
                SendPayload.build("compare", null, List.of("models=a.tflite,b.onnx"))
                        .toString());
    }

    @Test
    void fieldsOverrideThePayload() throws Exception {
        assertEquals(
                "{\"model\":\"m.onnx\",\"runs\":7}",
                SendPayload.build("bench", "{\"model\":\"m.onnx\",\"runs\":50}", List.of("runs=7"))
                        .toString());
    }

    @Test
    void payloadThatIsNoObject_isRejectedWithAnExample() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SendPayload.build("bench", "[1]", List.of()));
        assertTrue(e.getMessage().startsWith("--payload [[1]] must be a JSON object"), e.getMessage());
    }

    @Test
    void argumentWithoutEquals_isRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SendPayload.build("bench", null, List.of("m.tflite")));
        assertEquals(
                "argument [m.tflite] must be key=value, e.g. model=m.tflite or runs=200 (or pass --payload JSON)",
                e.getMessage());
    }
}

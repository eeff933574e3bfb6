package io.edgebench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Lanes run as their runtimes run: ONNX Runtime spins by default, and the result says what each lane used. */
class RuntimeSettingsTest {

    @Test
    void defaults_runOnnxRuntimeWithItsOwnSpinning() {
        BenchParams d = BenchParams.defaults(Path.of("m.onnx"));
        assertTrue(d.onnxSpinning(), "ONNX Runtime's default is allow_spinning=1");
        RuntimeSettings s = RuntimeSettings.of(RuntimeKind.ONNX, 2, d.onnxSpinning());
        assertEquals(RuntimeSettings.Spinning.ON, s.spinning());
        assertTrue(s.runtimeDefault());
        assertEquals("2 threads intra-op, 1 inter-op, spinning on (ONNX Runtime's default)", s.text());
    }

    @Test
    void spinningOff_isMarkedAsNotTheRuntimesDefault() {
        RuntimeSettings s = RuntimeSettings.of(RuntimeKind.ONNX, 1, false);
        assertFalse(s.runtimeDefault());
        assertEquals("1 thread intra-op, 1 inter-op, spinning off (not ONNX Runtime's default: on)", s.text());
    }

    @Test
    void tflite_hasNoInterOpPoolAndSpinsBriefly() {
        RuntimeSettings s = RuntimeSettings.of(RuntimeKind.TFLITE, 4, false);
        assertNull(s.interOpThreads());
        assertEquals(RuntimeSettings.Spinning.BRIEF, s.spinning());
        assertTrue(s.runtimeDefault(), "the ONNX flag does not touch TFLite");
    }

    @Test
    void unresolvedRuntime_isNoDataNotAGuess() {
        assertNull(RuntimeSettings.of(null, 2, true));
    }

    @Test
    void json_carriesThreadsAndSpinningInSnakeCase() throws Exception {
        String json = Json.mapper().writeValueAsString(RuntimeSettings.of(RuntimeKind.ONNX, 2, false));
        assertTrue(json.contains("\"intra_op_threads\":2"), json);
        assertTrue(json.contains("\"inter_op_threads\":1"), json);
        assertTrue(json.contains("\"spinning\":\"off\""), json);
        assertTrue(json.contains("\"runtime_default\":false"), json);
    }
}

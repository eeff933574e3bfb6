package io.edgebench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.wire.CommandParser;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** BenchParams is the one checker of bounds; a request's rejection still names the field and the value sent. */
class BenchParamsBoundsTest {
    private static CommandRejectedException reject(String json) {
        return assertThrows(
                CommandRejectedException.class,
                () -> new CommandParser(1 << 20).parse(Topics.BENCH, json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void requestBeyondInt_isRejected_notWrappedIntoRange() {
        // 4294967346 is 50 once cast to int: the parser must not hand BenchParams a wrapped value
        CommandRejectedException e = reject("{\"model\":\"m.tflite\",\"runs\":4294967346}");
        assertTrue(
                e.getMessage().contains("field \"runs\" must be an integer 1..100000, got [4294967346]"),
                e.getMessage());
    }

    @Test
    void cliAndRequest_shareTheBound() {
        IllegalArgumentException cli = assertThrows(
                IllegalArgumentException.class,
                () -> BenchParams.builder(Path.of("m.tflite")).sampleHz(5000).build());
        assertEquals("sample_hz [5000.0] must be 0..1000", cli.getMessage());
        assertTrue(reject("{\"model\":\"m.tflite\",\"sample_hz\":5000}")
                .getMessage()
                .contains("field \"sample_hz\" must be a number 0..1000, got [5000]"));
    }
}

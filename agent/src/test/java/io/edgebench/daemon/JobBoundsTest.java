package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.bench.BenchRunner;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A job's time bound, from which the watchdog tells a wedged queue from a long benchmark. */
class JobBoundsTest {
    private static final BenchRunner.Limits LIMITS =
            new BenchRunner.Limits(Duration.ofSeconds(120), Duration.ofSeconds(30));

    private static Command.JobCommand parse(String verb, String json) throws Exception {
        return (Command.JobCommand) new CommandParser(1 << 20).parse(verb, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bench_isLoadAllowancePlusWarmupPlusMaxSecondsPlusTwoGraces() throws Exception {
        Command.JobCommand bench = parse("bench", "{\"model\":\"m.tflite\",\"warmup_seconds\":2,\"max_seconds\":40}");
        assertEquals(Duration.ofSeconds(120 + 60 + 2 + 40), JobBounds.maxDuration(bench, LIMITS));
    }

    @Test
    void bench_withCooldown_addsItsMaximumWait() throws Exception {
        Command.JobCommand bench = parse(
                "bench",
                "{\"model\":\"m.tflite\",\"warmup_seconds\":0,\"max_seconds\":10,"
                        + "\"cooldown_to_c\":50,\"cooldown_max_seconds\":90}");
        assertEquals(Duration.ofSeconds(120 + 60 + 10 + 90), JobBounds.maxDuration(bench, LIMITS));
    }

    @Test
    void compare_isEveryLaneWithItsOutputsRun() throws Exception {
        Command.JobCommand compare = parse("compare", "{\"models\":[\"m.tflite\",\"m.onnx\"],\"max_seconds\":10}");
        // an upper bound: 2 models x 3 default choices, though each model runs only the lanes of its format; each
        // lane's heat blocks: 3 quads x 2 blocks x (20 s + a wait of at most 20 s)
        Duration lane = Duration.ofMillis((120 + 60 + 10 + 180 + 240) * 1000 + 500); // warm-up: the default 0.5 s
        assertEquals(lane.multipliedBy(6), JobBounds.maxDuration(compare, LIMITS));
        Command.JobCommand cold = parse("compare", "{\"models\":[\"m.tflite\"],\"max_seconds\":10,\"heat_blocks\":0}");
        assertEquals(
                Duration.ofMillis((120 + 60 + 10 + 180) * 1000 + 500).multipliedBy(3),
                JobBounds.maxDuration(cold, LIMITS));
    }
}

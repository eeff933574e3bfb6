package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.Interference;
import io.edgebench.results.Interference.FreqRange;
import io.edgebench.worker.RoundReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lane's pooled interference judges CPU frequency movement per round, not over the span of all rounds. */
class LaneTallyTest {
    private static RoundReport round(long minKhz, long maxKhz) {
        Interference i =
                new Interference(0.2, 0, 0, 95, 0, 0, 0, 19, 0, Map.of(1, new FreqRange(minKhz, maxKhz)), null);
        return new RoundReport(new long[] {1_000_000L}, new TimedWindow(0, 200_000_000L), i, null);
    }

    @Test
    void freq_twoSteadyRoundsAtDifferentFrequencies_notFlagged() {
        LaneTally t = new LaneTally();
        t.add(round(600_000, 600_000));
        t.add(round(1_800_000, 1_800_000));
        assertEquals(List.of(), t.interference().reasons(10));
        assertEquals(
                new FreqRange(600_000, 1_800_000, 2, 0),
                t.interference().freqKhz().get(1));
    }

    @Test
    void freq_oneRoundMoved_flaggedAsOneOfThree() {
        LaneTally t = new LaneTally();
        t.add(round(600_000, 600_000));
        t.add(round(1_800_000, 1_800_000));
        t.add(round(1_200_000, 1_800_000));
        assertEquals(
                List.of("noisy: cpu1 frequency moved during 1 of 3 rounds of the timed window (600 to 1800 MHz over all"
                        + " rounds)"),
                t.interference().reasons(10));
    }

    @Test
    void freq_oneWindow_keepsItsRangeMessage() {
        LaneTally t = new LaneTally();
        t.add(round(600_000, 1_800_000));
        assertEquals(
                List.of("noisy: cpu1 frequency moved between 600 and 1800 MHz during the timed window"),
                t.interference().reasons(10));
    }

    @Test
    void freq_json_saysRoundsReadAndMoved_andReadsAResultWithoutThem() throws Exception {
        LaneTally t = new LaneTally();
        t.add(round(600_000, 600_000));
        t.add(round(1_200_000, 1_800_000));
        JsonNode cpu1 =
                Json.mapper().valueToTree(t.interference()).get("freq_khz").get("1");
        assertEquals(2, cpu1.get("windows").asInt(), cpu1.toString());
        assertEquals(1, cpu1.get("moved_windows").asInt(), cpu1.toString());
        assertEquals(
                t.interference(),
                Json.mapper().treeToValue(Json.mapper().valueToTree(t.interference()), Interference.class));
        FreqRange old = Json.lenient().readValue("{\"min_khz\":600000,\"max_khz\":1800000}", FreqRange.class);
        assertEquals(new FreqRange(600_000, 1_800_000, 1, 1), old);
    }
}

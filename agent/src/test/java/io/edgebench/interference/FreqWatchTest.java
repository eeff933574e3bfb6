package io.edgebench.interference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.CpuSnapshot;
import io.edgebench.results.Interference;
import io.edgebench.results.Interference.FreqRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A governor step down and back up inside the window: invisible at the edges, seen by the watcher. */
class FreqWatchTest {
    @TempDir
    Path sys;

    private Path freqFile(int cpu) throws IOException {
        Path f = sys.resolve("devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_cur_freq");
        Files.createDirectories(f.getParent());
        return f;
    }

    @Test
    @Timeout(10)
    void stepDownAndBackInsideTheWindow_isAFrequencyMove() throws IOException {
        Path f = freqFile(0);
        Files.writeString(f, "1800000\n");
        FreqWatch w = FreqWatch.start(sys, List.of(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> w.seenSoFar().containsKey(0));
        Files.writeString(f, "600000\n"); // the governor steps down...
        await().atMost(Duration.ofSeconds(5)).until(() -> w.seenSoFar().get(0).minKhz() == 600_000);
        Files.writeString(f, "1800000\n"); // ...and back up before the window ends
        Map<Integer, FreqRange> seen = w.stop();
        assertEquals(new FreqRange(600_000, 1_800_000), seen.get(0));

        CpuSnapshot start = new CpuSnapshot(0, 0, 0, 0, 0, Map.of(0, 1_800_000L), Map.of());
        CpuSnapshot end = new CpuSnapshot(1_000_000_000L, 100, 0, 100, 0, Map.of(0, 1_800_000L), Map.of());
        assertEquals(List.of(), Interference.between(start, end).reasons(10), "the edges alone see nothing");
        assertEquals(List.of("noisy: cpu0 frequency moved between 600 and 1800 MHz during the timed window"),
                Interference.between(start, end.withFreqSeen(seen)).reasons(10));
    }

    @Test
    @Timeout(10)
    void noCpufreq_nothingIsRead() {
        FreqWatch w = FreqWatch.start(sys, List.of(0, 1));
        assertTrue(w.stop().isEmpty());
    }
}

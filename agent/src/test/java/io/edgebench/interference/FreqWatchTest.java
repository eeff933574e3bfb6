package io.edgebench.interference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        FreqWatch w = FreqWatch.open(sys, List.of(0));
        w.arm();
        await().atMost(Duration.ofSeconds(5)).until(() -> w.seenSoFar().containsKey(0));
        Files.writeString(f, "600000\n"); // the governor steps down...
        await().atMost(Duration.ofSeconds(5)).until(() -> w.seenSoFar().get(0).minKhz() == 600_000);
        Files.writeString(f, "1800000\n"); // ...and back up before the window ends
        Map<Integer, FreqRange> seen = w.collect().freqKhz();
        assertEquals(new FreqRange(600_000, 1_800_000), seen.get(0));

        CpuSnapshot start = new CpuSnapshot(0, 0, 0, 0, 0, Map.of(0, 1_800_000L), Map.of(), null);
        CpuSnapshot end = new CpuSnapshot(1_000_000_000L, 100, 0, 100, 0, Map.of(0, 1_800_000L), Map.of(), null);
        assertEquals(List.of(), Interference.between(start, end).reasons(10), "the edges alone see nothing");
        assertEquals(
                List.of("noisy: cpu0 frequency moved between 600 and 1800 MHz during the timed window"),
                Interference.between(start, end.withSeen(seen, null)).reasons(10));
    }

    @Test
    @Timeout(10)
    void oneWatcherPerWorker_firstReadOnePeriodAfterArming_andEachWindowStartsAfresh() throws Exception {
        Path f = freqFile(0);
        Files.writeString(f, "1800000\n");
        long watchersBefore = watchers();
        FreqWatch w = FreqWatch.open(sys, List.of(0));
        Thread.sleep(3 * FreqWatch.PERIOD_MS);
        assertEquals(Map.of(), w.seenSoFar(), "disarmed: nothing is read between windows");
        w.arm();
        assertEquals(Map.of(), w.seenSoFar(), "no read at the window's start, while the first runs are timed");
        await().atMost(Duration.ofSeconds(5)).until(() -> w.seenSoFar().containsKey(0));
        assertEquals(new FreqRange(1_800_000, 1_800_000), w.collect().freqKhz().get(0));

        Files.writeString(f, "600000\n");
        w.arm();
        await().atMost(Duration.ofSeconds(5)).until(() -> w.seenSoFar().containsKey(0));
        assertEquals(new FreqRange(600_000, 600_000), w.collect().freqKhz().get(0), "the last window is forgotten");
        assertEquals(1, watchers() - watchersBefore, "windows reuse the worker's one thread");
    }

    private static long watchers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("edgebench-freq-watch") && t.isAlive())
                .count();
    }

    @Test
    @Timeout(10)
    void noCpufreq_nothingIsRead() {
        FreqWatch w = FreqWatch.open(sys, List.of(0, 1));
        w.arm();
        assertEquals(FreqWatch.Seen.NOTHING, w.collect());
    }

    @Test
    @Timeout(10)
    void piFirmwareThrottling_duringTheWindow_isNoisy_andTheStickyBitsAreNot() throws IOException {
        // the Pi 4's attribute; 0x50000: under-voltage and throttling happened since boot, nothing now
        Path attr = sys.resolve("devices/platform/soc/soc:firmware/get_throttled");
        Files.createDirectories(attr.getParent());
        Files.writeString(attr, "50000\n");
        FreqWatch w = FreqWatch.open(sys, List.of(0));
        w.arm();
        assertEquals(0L, w.collect().throttleBits(), "sticky bits from before the window are not this window's");

        Files.writeString(attr, "50005\n"); // under-voltage and throttling now
        w.arm(); // the same watcher, the next window
        FreqWatch.Seen seen = w.collect();
        assertEquals(5L, seen.throttleBits());
        CpuSnapshot start = new CpuSnapshot(0, 0, 0, 0, 0, Map.of(), Map.of(), null);
        CpuSnapshot end = new CpuSnapshot(1_000_000_000L, 100, 0, 100, 0, Map.of(), Map.of(), null)
                .withSeen(seen.freqKhz(), seen.throttleBits());
        assertEquals(
                List.of("noisy: the firmware reported under-voltage, throttling during the timed window"
                        + " (get_throttled 0x5)"),
                Interference.between(start, end).reasons(10));
    }
}

package io.edgebench.interference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.results.CpuSnapshot;
import io.edgebench.results.Interference;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per directory under resources/interference: {start,end}/{proc,sys} hold raw kernel files at the two
 * edges of a 1 s timed window of worker pid 4242; expected.properties the figures and the reason. In own-tree the
 * worker's parent (4000, the CLI JVM) and its other child (4300, vcgencmd) are edgebench's: 50 ticks reported apart,
 * not as other processes.
 */
class InterferenceFixtureTest {
    private static final Path ROOT = Path.of("src/test/resources/interference");
    private static final long PID = 4242;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fixture_figuresAndReasons(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        CpuSnapshot start = new ProcReader(dir.resolve("start/proc"), dir.resolve("start/sys"), () -> 0L).snapshot(PID);
        CpuSnapshot end =
                new ProcReader(dir.resolve("end/proc"), dir.resolve("end/sys"), () -> 1_000_000_000L).snapshot(PID);
        Interference i = Interference.between(start, end);
        Properties expected = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("expected.properties"))) {
            expected.load(r);
        }
        assertEquals(Double.parseDouble(expected.getProperty("other_core_pct")), i.otherCorePct(), 1e-9, name);
        assertEquals(Double.parseDouble(expected.getProperty("steal_core_pct")), i.stealCorePct(), 1e-9, name);
        assertEquals(Double.parseDouble(expected.getProperty("self_core_pct")), i.selfCorePct(), 1e-9, name);
        assertEquals(
                Double.parseDouble(expected.getProperty("edgebench_core_pct", "0")), i.edgebenchCorePct(), 1e-9, name);
        String reasons = expected.getProperty("reasons");
        assertEquals(reasons.isEmpty() ? List.of() : List.of(reasons), i.reasons(10), name);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void twoHalves_addUpToTheWhole(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        CpuSnapshot start = new ProcReader(dir.resolve("start/proc"), dir.resolve("start/sys"), () -> 0L).snapshot(PID);
        CpuSnapshot end =
                new ProcReader(dir.resolve("end/proc"), dir.resolve("end/sys"), () -> 1_000_000_000L).snapshot(PID);
        Interference one = Interference.between(start, end);
        Interference twice = one.plus(one);
        assertEquals(one.otherCorePct(), twice.otherCorePct(), 1e-9);
        assertEquals(2.0, twice.windowS(), 1e-9);
        assertEquals(2 * one.otherTicks(), twice.otherTicks());
    }

    @org.junit.jupiter.api.Test
    void threshold_countsOnlyWhatSpillsPastTheCoresTheLaneDoesNotUse() {
        Interference busy = new Interference(1.0, 87, 0, 95, 0, 87, 0, 95, 0, java.util.Map.of(), null);
        assertEquals(
                List.of("noisy: other processes used 87 % of a core during the timed window (1.00 s; threshold"
                        + " 10 %)"),
                busy.reasons(10, 0));
        assertEquals(List.of(), busy.reasons(10, 1), "a 1-thread lane on 2 cores leaves a core for the others");
        Interference spill = new Interference(1.0, 130, 0, 95, 0, 130, 0, 95, 0, java.util.Map.of(), null);
        assertEquals(
                List.of("noisy: other processes used 130 % of a core during the timed window (1.00 s), 30 % more"
                        + " than the 1 core(s) the lane does not use (threshold 10 %)"),
                spill.reasons(10, 1));
    }
}

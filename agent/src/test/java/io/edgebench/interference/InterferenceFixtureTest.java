package io.edgebench.interference;

import io.edgebench.results.Interference;
import io.edgebench.results.CpuSnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * edges of a 1 s timed window of worker pid 4242; expected.properties the figures and the reason.
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
        CpuSnapshot start = new ProcReader(dir.resolve("start/proc"), dir.resolve("start/sys"), () -> 0L)
                .snapshot(PID);
        CpuSnapshot end = new ProcReader(dir.resolve("end/proc"), dir.resolve("end/sys"), () -> 1_000_000_000L)
                .snapshot(PID);
        Interference i = Interference.between(start, end);
        Properties expected = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("expected.properties"))) {
            expected.load(r);
        }
        assertEquals(Double.parseDouble(expected.getProperty("other_core_pct")), i.otherCorePct(), 1e-9, name);
        assertEquals(Double.parseDouble(expected.getProperty("steal_core_pct")), i.stealCorePct(), 1e-9, name);
        assertEquals(Double.parseDouble(expected.getProperty("self_core_pct")), i.selfCorePct(), 1e-9, name);
        String reasons = expected.getProperty("reasons");
        assertEquals(reasons.isEmpty() ? List.of() : List.of(reasons), i.reasons(10), name);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void twoHalves_addUpToTheWhole(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        CpuSnapshot start = new ProcReader(dir.resolve("start/proc"), dir.resolve("start/sys"), () -> 0L)
                .snapshot(PID);
        CpuSnapshot end = new ProcReader(dir.resolve("end/proc"), dir.resolve("end/sys"), () -> 1_000_000_000L)
                .snapshot(PID);
        Interference one = Interference.between(start, end);
        Interference twice = one.plus(one);
        assertEquals(one.otherCorePct(), twice.otherCorePct(), 1e-9);
        assertEquals(2.0, twice.windowS(), 1e-9);
        assertEquals(2 * one.otherTicks(), twice.otherTicks());
    }
}

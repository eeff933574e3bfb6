package io.edgebench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.results.CoreInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per directory under resources/cputopology ({proc,sys} trees of real boards' layouts); expected.txt lists
 * "cpu:capacity:part:class" for some CPUs ("-" for null).
 */
class CpuTopologyFixtureTest {
    private static final Path ROOT = Path.of("src/test/resources/cputopology");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fixture_coresClassified(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt"));
        List<Integer> cpus = new ArrayList<>();
        for (String line : expected) {
            cpus.add(Integer.parseInt(line.substring(0, line.indexOf(':'))));
        }
        List<CoreInfo> cores = new CpuTopology(dir.resolve("proc"), dir.resolve("sys")).describe(cpus);
        List<String> actual = cores.stream()
                .map(c -> c.cpu() + ":" + dash(c.capacity()) + ":" + dash(c.part()) + ":" + dash(c.coreClass()))
                .toList();
        assertEquals(expected, actual, name);
    }

    private static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }

    @Test
    void cpuList_parsesAndFormatsTheKernelForm() {
        assertEquals(List.of(0, 1, 2, 4), CpuList.parse("0-2,4"));
        assertEquals("0-2,4", CpuList.format(List.of(4, 0, 1, 2)));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> CpuList.parse("3-1"));
        assertEquals("cpu list item [3-1] must be N or N-M with 0 <= N <= M <= 1023, e.g. 0-1,3", e.getMessage());
    }
}

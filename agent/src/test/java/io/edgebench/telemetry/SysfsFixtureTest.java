package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgebench.config.ProfileDetector;
import io.edgebench.config.ProfileLoader;
import io.edgebench.config.SystemRoots;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture tree per board under src/test/resources/sysfs/&lt;case&gt;/: raw kernel files in sys/ and proc/,
 * recorded vcgencmd outputs in commands/, the expected detection, readings (value and unit) and absent sources in
 * expected.json. Files under step2/ are then written over the tree in place (counters advance, a RAPL counter
 * wraps) and the readings are compared once more against after_step2. A new bug is a new case directory.
 */
class SysfsFixtureTest {
    static final double EXACT = 1e-9;

    @TempDir
    Path tmp;

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = Path.of(SysfsFixtureTest.class.getResource("/sysfs").toURI());
        try (Stream<Path> s = Files.list(root)) {
            List<String> names = s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            assertTrue(names.size() >= 6, "fixture cases found: " + names);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixtureTree_readsExactValuesAndUnits(String name) throws Exception {
        Path source = Path.of(getClass().getResource("/sysfs/" + name).toURI());
        Path tree = tmp.resolve(name);
        copy(source, tree);
        JsonNode expected =
                new ObjectMapper().readTree(tree.resolve("expected.json").toFile());
        SystemRoots roots = SystemRoots.under(tree);

        ProfileDetector.Detection d = ProfileDetector.detect(
                new ProfileLoader(null).all(),
                ProfileDetector.facts(roots, expected.get("arch").asText()));
        assertEquals(expected.get("profile").asText(), d.profile().name(), "detected profile (" + d.evidence() + ")");

        try (SensorSet sensors =
                TelemetryFactory.discover(d.profile(), roots, new RecordedCommands(tree.resolve("commands")))) {
            TreeSet<String> absent = new TreeSet<>();
            sensors.absent().forEach(a -> absent.add(a.source()));
            TreeSet<String> expectedAbsent = new TreeSet<>();
            expected.get("absent").forEach(n -> expectedAbsent.add(n.asText()));
            assertEquals(expectedAbsent, absent, "absent sources: " + sensors.absent());

            assertReadings(expected.get("readings"), snapshot(sensors), "first read");
            Path step2 = tree.resolve("step2");
            if (Files.isDirectory(step2)) {
                overlay(step2, tree);
                assertReadings(expected.get("after_step2"), snapshot(sensors), "after step2");
            }
        }
    }

    private static Map<String, Reading> snapshot(SensorSet sensors) throws IOException {
        Map<String, Reading> out = new TreeMap<>();
        for (Collector c : sensors.collectors()) {
            for (Reading r : c.snapshot()) {
                out.put(r.channel().id(), r);
            }
        }
        return out;
    }

    private static void assertReadings(JsonNode expected, Map<String, Reading> actual, String when) {
        TreeSet<String> expectedIds = new TreeSet<>();
        expected.fieldNames().forEachRemaining(expectedIds::add);
        assertEquals(expectedIds, new TreeSet<>(actual.keySet()), when + ": channels");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Reading r = actual.get(e.getKey());
            assertEquals(e.getValue().get(0).asDouble(), r.value(), EXACT, when + ": " + e.getKey());
            assertEquals(e.getValue().get(1).asText(), r.channel().unit(), when + ": unit of " + e.getKey());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = new ArrayList<>(s.toList());
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }

    /** Writes in place (truncate, not replace): collectors keep their descriptors open, like on sysfs. */
    private static void overlay(Path step, Path tree) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(step)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Files.write(
                    tree.resolve(step.relativize(f).toString()),
                    Files.readAllBytes(f),
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }
    }
}

package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.apex.ApexCollector;
import io.edgebench.telemetry.cpu.CpuFreqCollector;
import io.edgebench.telemetry.hwmon.HwmonCollector;
import io.edgebench.telemetry.rapl.RaplCollector;
import io.edgebench.telemetry.thermal.ThermalZoneCollector;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sysfs directory that exists but cannot be listed is reported as that error, never as "this kernel has no such
 * sensor". The tests run as root in CI, where permissions deny nothing: a directory replaced by a plain file makes
 * the listing fail the same way for every user.
 */
class SysfsListingTest {
    @TempDir
    Path tmp;

    private SensorSet probe(BiConsumer<SystemRoots, SensorSet.Builder> probe) {
        SensorSet.Builder b = new SensorSet.Builder();
        probe.accept(new SystemRoots(tmp.resolve("sys"), tmp.resolve("proc"), tmp.resolve("dev")), b);
        return b.build();
    }

    private void replaceWithFile(String sysPath) throws IOException {
        Path p = tmp.resolve("sys").resolve(sysPath);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "not a directory");
    }

    @Test
    void thermal_unlistableDir_isReportedAsTheListingError() throws IOException {
        replaceWithFile("class/thermal");
        Absent a = probe(ThermalZoneCollector::probe).absent().get(0);
        assertEquals("thermal", a.source());
        assertTrue(
                a.reason().startsWith("cannot list " + tmp.resolve("sys/class/thermal") + " (not a directory)"),
                a.reason());
        assertFalse(a.reason().contains("exposes no thermal zones"), a.reason());
    }

    @Test
    void thermal_missingDir_isStillNoData() {
        Absent a = probe(ThermalZoneCollector::probe).absent().get(0);
        assertTrue(a.reason().contains("this kernel exposes no thermal zones"), a.reason());
    }

    @Test
    void everyListingCollector_reportsTheListingError() throws IOException {
        replaceWithFile("class/hwmon");
        replaceWithFile("class/powercap");
        replaceWithFile("class/apex");
        replaceWithFile("devices/system/cpu");
        for (BiConsumer<SystemRoots, SensorSet.Builder> p : List.<BiConsumer<SystemRoots, SensorSet.Builder>>of(
                HwmonCollector::probe, RaplCollector::probe, ApexCollector::probe, CpuFreqCollector::probe)) {
            SensorSet s = probe(p);
            assertTrue(s.collectors().isEmpty());
            assertEquals(1, s.absent().size(), s.absent().toString());
            assertTrue(
                    s.absent().get(0).reason().startsWith("cannot list "),
                    s.absent().toString());
        }
    }

    /** The skeleton's other half: an entry that fails is named with its error, and the entries after it still read. */
    @Test
    void everySysfsCollector_namesABadEntry_andKeepsTheGoodOnes() throws IOException {
        write("class/thermal/thermal_zone0/temp", "garbage");
        write("class/thermal/thermal_zone1/temp", "41000");
        write("class/hwmon/hwmon0/temp1_input", "");
        write("class/hwmon/hwmon0/temp2_input", "42000");
        write("devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "x");
        write("devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "1500000");
        write("class/apex/apex_0/temp", "");
        write("class/apex/apex_1/temp", "43000");
        write("class/powercap/intel-rapl:0/name", "package-0");
        write("class/powercap/intel-rapl:1/name", "package-1");
        write("class/powercap/intel-rapl:1/max_energy_range_uj", "262143328850");
        write("class/powercap/intel-rapl:1/energy_uj", "1000");
        Map<String, BiConsumer<SystemRoots, SensorSet.Builder>> badEntries = Map.of(
                "thermal_zone0 (",
                ThermalZoneCollector::probe,
                "hwmon0/temp1_input not readable",
                HwmonCollector::probe,
                "cpu0/cpufreq/scaling_cur_freq not readable",
                CpuFreqCollector::probe,
                "apex_0/temp not readable",
                ApexCollector::probe,
                "intel-rapl:0/energy_uj: not readable",
                RaplCollector::probe);
        for (Map.Entry<String, BiConsumer<SystemRoots, SensorSet.Builder>> e : badEntries.entrySet()) {
            SensorSet s = probe(e.getValue());
            assertEquals(1, s.collectors().size(), s.absent().toString());
            assertEquals(1, s.absent().size(), s.absent().toString());
            String reason = s.absent().get(0).reason();
            assertTrue(reason.contains(e.getKey()), "names the bad entry [" + e.getKey() + "]: " + reason);
            assertFalse(s.collectors().get(0).snapshot().isEmpty(), "the good entry reads: " + reason);
        }
    }

    private void write(String sysPath, String content) throws IOException {
        Path p = tmp.resolve("sys").resolve(sysPath);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void cannotList_namesPermissionDenied() {
        Path dir = Path.of("/sys/class/thermal");
        assertEquals(
                "cannot list /sys/class/thermal (permission denied); the sensors under it were not probed (run as"
                        + " a user that can read it, or check the mount)",
                SysfsListing.cannotList(dir, new AccessDeniedException(dir.toString())));
    }

    @Test
    void list_ordersNaturally() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("zones"));
        for (String n : List.of("thermal_zone10", "thermal_zone2", "thermal_zone0", "cooling_device0")) {
            Files.createDirectories(dir.resolve(n));
        }
        assertEquals(
                List.of("thermal_zone0", "thermal_zone2", "thermal_zone10"),
                SysfsListing.list(dir, "thermal_zone\\d+").stream()
                        .map(p -> p.getFileName().toString())
                        .toList());
    }
}

package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.ProfileDetector;
import io.edgebench.config.SystemRoots;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.MeasureOptions;
import io.edgebench.results.Phase;
import io.edgebench.results.TelemetrySummary;
import io.edgebench.telemetry.RecordedCommands;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.telemetry.TelemetryFactory;
import io.edgebench.worker.BenchListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry through the real bench path: a forged model in a real worker process, the sampler reading the rpi4
 * fixture tree (test resources) in place of /sys and /proc, the rpi4 profile's limits.
 */
@Timeout(180)
class BenchRunnerTelemetryTest {
    @TempDir
    static Path dir;

    static Forge.Result tiny;

    private final BenchRunner runner = new BenchRunner();

    @BeforeAll
    static void forge() throws Exception {
        tiny = Forge.forge(ForgeSpec.tiny(), dir);
    }

    @Test
    void rpi4Fixture_telemetryInTheResult_tempFromTheFixture_valid() throws Exception {
        List<String> phases = new ArrayList<>();
        BenchResult r = runner.run(params(null, 1), telemetry(fixture("rpi4")), recording(phases), () -> false);

        assertEquals(Status.OK, r.status(), r.error());
        TelemetrySummary t = r.telemetry();
        assertNotNull(t);
        assertTrue(t.samples() > 0, t.toString());
        assertEquals(48.686, t.tempC().get("thermal/cpu-thermal").start(), 1e-9);
        assertEquals(48.686, t.tempC().get("thermal/cpu-thermal").max(), 1e-9);
        assertTrue(
                t.sources().containsAll(List.of("thermal", "hwmon", "cpufreq", "rpi_throttle")),
                t.sources().toString());
        assertNull(t.powerW(), "the rpi4 fixture has no power source: power is absent, not zero");
        assertNull(t.cooldown());
        assertTrue(r.valid(), r.invalidReasons().toString());
        assertTrue(t.valid(), t.invalidReasons().toString());
        assertEquals(
                List.of("idle_baseline", "load", "warmup", "run", "done"),
                phases.stream().distinct().toList());
    }

    @Test
    void hotFixture_cooldownGivesUpWithinItsBound_runIsInvalidWithBothReasons() throws Exception {
        Path tree = copy(fixture("rpi4"), dir.resolve("rpi4-hot"));
        Files.writeString(tree.resolve("sys/class/thermal/thermal_zone0/temp"), "71200\n");
        Files.writeString(tree.resolve("sys/class/hwmon/hwmon0/temp1_input"), "71200\n");
        List<String> phases = new ArrayList<>();

        long t0 = System.nanoTime();
        BenchResult r = runner.run(params(55.0, 1), telemetry(tree), recording(phases), () -> false);
        double tookS = (System.nanoTime() - t0) * 1e-9;

        assertEquals(Status.OK, r.status(), r.error());
        assertEquals("cooldown", phases.get(0));
        assertFalse(r.valid());
        TelemetrySummary.CooldownWait wait = r.telemetry().cooldown();
        assertFalse(wait.reached());
        assertEquals(71.2, wait.hottestC(), 1e-9);
        assertEquals(1.0, wait.waitedS(), 0.31, wait.toString());
        assertTrue(tookS < 60, "the wait is bounded: " + tookS + " s");
        assertTrue(
                r.invalidReasons()
                        .contains("start temperature 71.2 C above the cooldown target 55 C after" + " waiting 1 s"),
                r.invalidReasons().toString());
        assertTrue(
                r.invalidReasons().stream()
                        .anyMatch(s -> s.startsWith("start temperature 71.2 C"
                                + " (thermal/cpu-thermal) above the profile's limit 65.0 C (rpi4)")),
                r.invalidReasons().toString());
        assertEquals(r.invalidReasons(), r.telemetry().invalidReasons());
    }

    @Test
    void coolFixture_cooldownReachedAtOnce_valid() throws Exception {
        BenchResult r = runner.run(params(55.0, 30), telemetry(fixture("rpi4")), BenchListener.NONE, () -> false);

        assertEquals(Status.OK, r.status(), r.error());
        TelemetrySummary.CooldownWait wait = r.telemetry().cooldown();
        assertTrue(wait.reached(), wait.toString());
        assertTrue(wait.waitedS() < 1, wait.toString());
        assertTrue(r.valid(), r.invalidReasons().toString());
    }

    @Test
    void telemetryOff_cooldownStillGivesUp_reasonInTheResult() throws Exception {
        // RunTelemetry.OFF waits on this machine's zones: with none (a VM) it skips at once and the run stays valid;
        // with some, a 20 C target is not reached within 0.2 s and the run says so.
        BenchParams p = params(20.0, 0.2);
        BenchResult r = runner.run(p, RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.OK, r.status(), r.error());
        assertNull(r.telemetry());
        boolean hostHasZones = Files.exists(Path.of("/sys/class/thermal/thermal_zone0/temp"));
        assertEquals(!hostHasZones, r.valid(), r.invalidReasons().toString());
    }

    private static BenchParams params(Double cooldownToC, double cooldownMaxSeconds) {
        return BenchParams.builder(tiny.tflite())
                .threads(1)
                .warmupRuns(2)
                .warmupSeconds(0)
                .runs(20)
                .minSeconds(0.3)
                .maxSeconds(60)
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(100)
                .cooldownToC(cooldownToC)
                .cooldownMaxSeconds(cooldownMaxSeconds)
                .build()
                .toBuilder()
                .measure(MeasureOptions.ignoringInterference())
                .build();
    }

    private static RunTelemetry telemetry(Path tree) {
        SystemRoots roots = SystemRoots.under(tree);
        DeviceProfile rpi4 = ProfileDetector.resolve("rpi4", null, roots).profile();
        return TelemetryFactory.forRun(
                100, rpi4, roots, new RecordedCommands(tree.resolve("commands")), Duration.ofMillis(200));
    }

    private static BenchListener recording(List<String> phases) {
        return new BenchListener() {
            @Override
            public void onPhase(Phase phase) {
                synchronized (phases) {
                    phases.add(phase.id());
                }
            }
        };
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(
                BenchRunnerTelemetryTest.class.getResource("/sysfs/" + name).toURI());
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}

package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.hwmon.HwmonCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One round's energy from a synthetic power track: the integral interpolated at the window's edges, or none. */
class RoundPowerTest {
    private static final long MS = 1_000_000L;

    @Test
    void window_powerTrack_integratesWithLinearInterpolationAtBothEdges() {
        // 2 W at 0 ms rising linearly to 4 W at 100 ms, samples every 10 ms
        long[] t = new long[11];
        double[] v = new double[11];
        for (int i = 0; i <= 10; i++) {
            t[i] = i * 10 * MS;
            v[i] = 2 + 2 * i / 10.0;
        }
        // [15 ms, 85 ms]: 70 ms at a mean of 3 W (the line is exact under the trapezoid rule) = 210 mJ
        RoundPower.Window w = RoundPower.window(Track.of(t, v), false, 0, 15 * MS, 85 * MS);
        assertEquals(210, w.energyMj(), 1e-9);
        assertEquals(7, w.readings()); // 20, 30, ..., 80 ms
        assertTrue(w.resolvable());
    }

    @Test
    void window_fewerThanMinReadings_isNotResolvable() {
        // 10 Hz: a 0.2 s round holds 2 readings, EnergyEstimator.MIN_READINGS is 3
        long[] t = {0, 100 * MS, 200 * MS, 300 * MS, 400 * MS};
        double[] v = {5, 5.1, 5.2, 5.3, 5.4};
        RoundPower.Window w = RoundPower.window(Track.of(t, v), false, 0, 150 * MS, 350 * MS);
        assertEquals(1050, w.energyMj(), 1e-9); // 5.25 W on average x 0.2 s
        assertEquals(2, w.readings());
        assertFalse(w.resolvable());
        assertEquals(3, RoundPower.minReadings());
    }

    @Test
    void hwmonDriverSlowerThanTheSampler_isReadAtItsUpdateInterval(@TempDir Path tmp) throws Exception {
        // a 10 Hz driver (update_interval 100 ms): reading it at 50 Hz would repeat each value five times, and those
        // repeats would count as readings that resolve any window
        Path dev = Files.createDirectories(tmp.resolve("sys/class/hwmon/hwmon0"));
        Files.writeString(dev.resolve("name"), "ina226\n");
        Files.writeString(dev.resolve("update_interval"), "100\n");
        Files.writeString(dev.resolve("power1_input"), "4000000\n");
        SensorSet.Builder b = new SensorSet.Builder();
        HwmonCollector.probe(new SystemRoots(tmp.resolve("sys"), tmp.resolve("proc"), tmp.resolve("dev")), b);
        try (RoundPower p = RoundPower.start(b.build(), null)) {
            assertEquals(10, p.nominalRateHz(), 1e-9);
        }
    }

    @Test
    void window_notCoveredBySamples_isNotResolvable() {
        long[] t = {0, 10 * MS, 20 * MS, 30 * MS, 40 * MS};
        double[] v = {1, 1, 1, 1, 1};
        // the track ends at 40 ms: a window to 60 ms would be clamped, not measured
        assertFalse(RoundPower.window(Track.of(t, v), false, 0, 5 * MS, 60 * MS).resolvable());
    }

    @Test
    void window_counter_isTheDifferenceAndResolvesWhenItsStepIsSmall() {
        // an energy counter in mJ, 1 W: 1 mJ per ms
        long[] t = {0, 100 * MS, 200 * MS, 300 * MS};
        double[] e = {0, 100, 200, 300};
        RoundPower.Window w = RoundPower.window(Track.of(t, e), true, 0.5, 50 * MS, 250 * MS);
        assertEquals(200, w.energyMj(), 1e-9);
        assertTrue(w.resolvable()); // a 0.5 mJ step is 0.25 % of 200 mJ
        assertFalse(
                RoundPower.window(Track.of(t, e), true, 5, 50 * MS, 250 * MS).resolvable()); // 5 mJ is 2.5 %
    }
}

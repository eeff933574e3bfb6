package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.config.DeviceProfile;
import io.edgebench.json.Json;
import io.edgebench.results.TelemetrySummary;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole runs through the real sampler thread, against collectors whose values are functions of the clock. */
@Timeout(30)
class SampledRunTelemetryTest {
    static final long T0 = System.nanoTime();

    /** A one-channel collector computing its value from System.nanoTime(). */
    record Fake(String source, Channel channel, LongToDoubleFunction value) implements Collector {
        @Override
        public List<Channel> channels() {
            return List.of(channel);
        }

        @Override
        public void read(double[] values) {
            values[0] = value.applyAsDouble(System.nanoTime());
        }
    }

    private static TelemetrySummary run(SensorSet sensors, DeviceProfile profile, long windowNanos, long inferences) {
        try (var t = new SampledRunTelemetry(sensors, profile, 200, Duration.ofMillis(200))) {
            t.begin();
            long ws = System.nanoTime();
            for (long left = windowNanos; left > 0; left = ws + windowNanos - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            return t.end(ws, ws + windowNanos, inferences);
        }
    }

    @Test
    void energyCounter_totalIsCounterDeltaOverExactWindow() {
        // a RAPL-like counter rising at exactly 3 W: 3 J/s = 3e-6 mJ/ns; linear, so edge interpolation is exact
        var counter = new Fake("rapl", new Channel("rapl/package-0", Quantity.ENERGY_MJ), t -> (t - T0) * 3e-6);
        TelemetrySummary s = run(new SensorSet.Builder().add(counter).build(), null, 300_000_000L, 30);
        // tolerance: each read is stamped at the midpoint of the nanoTime()s around it, a few us off the fake's
        assertEquals(900.0, s.energyMj().total(), 0.9);
        assertEquals(30.0, s.energyMj().perInference(), 0.03);
        assertEquals(3.0, s.powerW().idle(), 0.003);
        assertEquals(0.0, s.energyMj().perInferenceNetOfIdle(), 0.03);
        assertEquals(3.0, s.powerW().mean(), 0.003);
        assertEquals(3.0, s.powerW().max(), 0.1);
    }

    @Test
    void failingCollector_isRecordedAndOthersContinue() {
        AtomicInteger calls = new AtomicInteger();
        Collector broken = new Collector() {
            @Override
            public String source() {
                return "hwmon";
            }

            @Override
            public List<Channel> channels() {
                return List.of(new Channel("hwmon/x/power1", Quantity.POWER_W));
            }

            @Override
            public void read(double[] values) throws IOException {
                calls.incrementAndGet();
                throw new IOException("Remote I/O error");
            }
        };
        var temp = new Fake("thermal", new Channel("thermal/cpu-thermal", Quantity.TEMP_C), t -> 50.0);
        TelemetrySummary s = run(new SensorSet.Builder().add(broken).add(temp).build(), null, 200_000_000L, 10);
        assertEquals(Sampler.MAX_CONSECUTIVE_FAILURES, calls.get(), "disabled after that many failures in a row");
        assertTrue(
                s.absent().stream()
                        .anyMatch(a -> a.startsWith("hwmon: disabled: 10 failed reads, last: 10 reads"
                                + " in a row failed (last error: Remote I/O error)")),
                s.absent().toString());
        assertEquals(50.0, s.tempC().get("thermal/cpu-thermal").max());
        assertNull(s.powerW(), "no power reading: no number either");
        assertNull(s.energyMj());
        assertTrue(s.absent().stream().anyMatch(a -> a.startsWith("power: no power or energy reading")));
    }

    @Test
    void startTemperatureAboveProfileLimit_invalid() {
        var temp = new Fake("thermal", new Channel("thermal/cpu-thermal", Quantity.TEMP_C), t -> 70.0);
        DeviceProfile profile = new DeviceProfile(
                "rpi4", null, null, List.of("thermal"), null, new DeviceProfile.Thermal(65.0, 80.0), null, null, null);
        TelemetrySummary s = run(new SensorSet.Builder().add(temp).build(), profile, 100_000_000L, 10);
        assertFalse(s.valid());
        assertEquals(
                List.of("start temperature 70.0 C (thermal/cpu-thermal) above the profile's limit 65.0 C (rpi4);"
                        + " cool down first (--cooldown-to-c)"),
                s.invalidReasons());
    }

    @Test
    void powerSamples_trapezoidAndJsonShape() throws Exception {
        // power ramps 2 W -> 4 W over the window: trapezoid of a linear function is exact
        long[] ws = {0};
        var power = new Fake("ina2xx", new Channel("ina2xx/x/power", Quantity.POWER_W), t -> 2.0 + (t - T0) * 1e-9);
        var freq = new Fake("cpufreq", new Channel("cpufreq/cpu0", Quantity.CPU_FREQ_MHZ), t -> 1500.0);
        TelemetrySummary s = run(new SensorSet.Builder().add(power).add(freq).build(), null, 400_000_000L, 4);
        double mean = s.powerW().mean();
        assertEquals(s.energyMj().total(), mean * 0.4 * 1e3, 1e-9);
        assertEquals(0.2, s.powerW().max() - s.powerW().mean(), 1e-3, "linear ramp: max - mean = half the rise");
        assertEquals(1500.0, s.cpuFreqMhz().min());
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(s));
        for (String key : List.of(
                "sample_hz",
                "samples",
                "power_w",
                "energy_mj",
                "throttle_events",
                "cpu_freq_mhz",
                "valid",
                "invalid_reasons",
                "trace",
                "sources",
                "absent")) {
            assertTrue(json.has(key), key + " in " + json);
        }
        assertTrue(json.get("energy_mj").has("per_inference_net_of_idle"));
        assertEquals(
                List.of("t_ms", "power_w", "cpu_freq_mhz"),
                List.copyOf(iterable(json.get("trace").get(0).fieldNames())));
        assertTrue(json.get("trace").size() <= SummaryCalculator.TRACE_POINTS);
        assertFalse(json.has("temp_c"), "no temperature sensor: key left out, not zero");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CooldownTest {
    static SampledRunTelemetryTest.Fake zone(java.util.function.LongToDoubleFunction c) {
        return new SampledRunTelemetryTest.Fake("thermal", new Channel("thermal/cpu-thermal", Quantity.TEMP_C), c);
    }

    @Test
    void coolingZone_reachesTarget() {
        long t0 = System.nanoTime();
        // 70 C falling 100 C/s: at or below 55 C after 150 ms
        var result = Cooldown.waitUntil(
                List.of(zone(t -> 70 - (t - t0) * 1e-7)), 55, Duration.ofSeconds(10), Duration.ofMillis(10));
        assertTrue(result.reached(), result.message());
        assertTrue(result.waitedS() >= 0.1 && result.waitedS() < 5, result.message());
    }

    @Test
    void hotZone_boundedWaitThenGivesUp() {
        var result = Cooldown.waitUntil(List.of(zone(t -> 70)), 55, Duration.ofMillis(200), Duration.ofMillis(50));
        assertFalse(result.reached());
        assertTrue(result.waitedS() >= 0.2, result.message());
        assertTrue(result.message().startsWith("still 70.0 C after 0.2"), result.message());
    }

    @Test
    void noSensor_skipsAtOnce() {
        var result = Cooldown.waitUntil(List.of(), 55, Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertFalse(result.reached());
        assertEquals("no temperature sensor readable: cooldown skipped", result.message());
    }
}

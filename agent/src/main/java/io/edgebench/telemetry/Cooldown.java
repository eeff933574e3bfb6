package io.edgebench.telemetry;

import io.edgebench.config.SystemRoots;
import io.edgebench.results.TelemetrySummary;
import io.edgebench.telemetry.thermal.ThermalZoneCollector;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, bounded, until the hottest temperature sensor is at or below a target, so runs start from comparable
 * thermal states (the bench phase "cooldown"). Reads once a second.
 */
public final class Cooldown {
    /** @param reached false when the bound ran out or nothing could be measured; hottestC is NaN then too */
    public record Result(boolean reached, double hottestC, double waitedS, String message) {
        /** The wait as results report it: no hottest zone when none was readable, seconds to one decimal. */
        public TelemetrySummary.CooldownWait toWait(double targetC) {
            return new TelemetrySummary.CooldownWait(
                    targetC,
                    reached,
                    Double.isNaN(hottestC) ? null : hottestC,
                    Math.round(waitedS * 10) / 10.0,
                    message);
        }
    }

    private Cooldown() {}

    /** Waits on this machine's thermal zones. */
    public static Result waitUntil(double targetC, Duration max) {
        SensorSet.Builder b = new SensorSet.Builder();
        ThermalZoneCollector.probe(SystemRoots.host(), b);
        try (SensorSet s = b.build()) {
            return waitUntil(s.collectors(), targetC, max, Duration.ofSeconds(1));
        }
    }

    /** Waits until every TEMP_C channel of {@code collectors} is at or below {@code targetC}, or {@code max}. */
    public static Result waitUntil(List<Collector> collectors, double targetC, Duration max, Duration poll) {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        while (true) {
            double hottest = hottest(collectors);
            double waited = (System.nanoTime() - start) * 1e-9;
            if (Double.isNaN(hottest)) {
                return new Result(false, Double.NaN, waited, "no temperature sensor readable: cooldown skipped");
            }
            if (hottest <= targetC) {
                return new Result(
                        true,
                        hottest,
                        waited,
                        String.format(
                                Locale.ROOT, "cooled to %.1f C (target %.1f C) in %.1f s", hottest, targetC, waited));
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return new Result(
                        false,
                        hottest,
                        waited,
                        String.format(
                                Locale.ROOT,
                                "still %.1f C after %.1f s (target %.1f C); running anyway",
                                hottest,
                                waited,
                                targetC));
            }
            LockSupport.parkNanos(Math.min(poll.toNanos(), deadline - now));
        }
    }

    /** The hottest TEMP_C reading of {@code collectors}; NaN when none was readable. */
    static double hottest(List<Collector> collectors) {
        double max = Double.NaN;
        for (Collector c : collectors) {
            try {
                for (Reading r : c.snapshot()) {
                    if (r.channel().quantity() == Quantity.TEMP_C && !(r.value() <= max)) {
                        max = r.value();
                    }
                }
            } catch (IOException e) {
                // one unreadable sensor does not stop the others from deciding
            }
        }
        return max;
    }
}

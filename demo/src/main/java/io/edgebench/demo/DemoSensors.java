package io.edgebench.demo;

import io.edgebench.config.ProfileDetector;
import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.CommandRunner;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.TelemetryFactory;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's line on temperature and energy: its compare runs interleaved rounds, which sample nothing, so without
 * this line a user cannot tell "not sampled" from "this machine has no sensor".
 */
final class DemoSensors {
    private DemoSensors() {}

    /** What this machine could measure (probed the way {@code edgebench sensors} does) and how to see it. */
    static String line() {
        SystemRoots roots = SystemRoots.host();
        Set<String> temp = new TreeSet<>();
        Set<String> power = new TreeSet<>();
        try (SensorSet s = TelemetryFactory.discover(
                ProfileDetector.resolve(null, null, roots).profile(), roots, CommandRunner.PROCESS)) {
            s.collectors().forEach(c -> {
                for (Channel ch : c.channels()) {
                    if (ch.quantity() == Quantity.TEMP_C) {
                        temp.add(c.source());
                    } else if (ch.quantity() == Quantity.POWER_W || ch.quantity() == Quantity.ENERGY_MJ) {
                        power.add(c.source());
                    }
                }
            });
        }
        return "temperature and energy: not sampled by the demo (interleaved rounds time latency only); this machine"
                + " has " + (temp.isEmpty() ? "no temperature sensor" : "temperature from " + String.join(", ", temp))
                + " and " + (power.isEmpty() ? "no power source" : "power from " + String.join(", ", power))
                + ". `edgebench sensors` lists what it found and why the rest is absent; `edgebench bench MODEL`"
                + " samples both while it runs" + (power.isEmpty() ? ", and --power-plug reads a smart plug." : ".");
    }
}

package io.edgebench.demo;

import io.edgebench.telemetry.HostPower;
import io.edgebench.telemetry.MeasuredAxes;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's line on temperature and energy: its compare runs interleaved rounds, which sample nothing, so without
 * this line a user cannot tell "not sampled" from "this machine has no sensor".
 */
final class DemoSensors {
    private DemoSensors() {}

    /** What this machine could measure (probed as compare and {@code edgebench sensors} do) and how to see it. */
    static String line() {
        MeasuredAxes axes = MeasuredAxes.probe(HostPower.none(null));
        Set<String> temp = new TreeSet<>(axes.temperatureSources());
        Set<String> power = new TreeSet<>(axes.powerSources());
        return "temperature and energy: not sampled by the demo (interleaved rounds time latency only); this machine"
                + " has " + (temp.isEmpty() ? "no temperature sensor" : "temperature from " + String.join(", ", temp))
                + " and " + (power.isEmpty() ? "no power source" : "power from " + String.join(", ", power))
                + ". `edgebench sensors` lists what it found and why the rest is absent; `edgebench bench MODEL`"
                + " samples both while it runs" + (power.isEmpty() ? ", and --power-plug reads a smart plug." : ".");
    }
}

package io.edgebench.demo;

import io.edgebench.telemetry.HostPower;
import io.edgebench.telemetry.MeasuredAxes;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's line on temperature and energy: what this machine has, and what the demo's compare does with it (energy
 * from its rounds where there is a power source; temperature from heat blocks, which the demo leaves off).
 */
final class DemoSensors {
    private DemoSensors() {}

    /** What this machine could measure (probed as compare and {@code edgebench sensors} do) and how to see it. */
    static String line() {
        MeasuredAxes axes = MeasuredAxes.probe(HostPower.none(null));
        Set<String> temp = new TreeSet<>(axes.temperatureSources());
        Set<String> power = new TreeSet<>(axes.powerSources());
        return "temperature and energy: this machine has "
                + (temp.isEmpty() ? "no temperature sensor" : "temperature from " + String.join(", ", temp)) + " and "
                + (power.isEmpty() ? "no power source" : "power from " + String.join(", ", power))
                + "; the compare above answers energy from its rounds where there is a power source, and temperature"
                + " with heat blocks, which compare runs by default where there is a temperature sensor and the demo"
                + " leaves off (they take minutes). `edgebench sensors` lists what it found"
                + " and why the rest is absent" + (power.isEmpty() ? "; --power-plug reads a smart plug." : ".");
    }
}

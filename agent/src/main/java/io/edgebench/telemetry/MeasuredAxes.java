package io.edgebench.telemetry;

import io.edgebench.config.SystemRoots;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of compare's two sensor axes this board can measure: the sources with a power (or energy counter) channel
 * and those with a temperature channel, or why none was found. Compare names an axis it did not measure, and why,
 * on one line each ({@link #notMeasured}).
 *
 * @param powerSources sources with a POWER_W or ENERGY_MJ channel, e.g. "ina2xx"
 * @param temperatureSources sources with a TEMP_C channel, e.g. "thermal"
 */
public record MeasuredAxes(List<String> powerSources, List<String> temperatureSources) {
    /** No sensors asked about (tests, and callers that never sample). */
    public static final MeasuredAxes NONE = new MeasuredAxes(List.of(), List.of());

    public MeasuredAxes {
        powerSources = List.copyOf(powerSources);
        temperatureSources = List.copyOf(temperatureSources);
    }

    /** Probes this machine as `edgebench sensors` does, with the profile and plug of {@code host}. */
    public static MeasuredAxes probe(HostPower host) {
        return probe(host, SystemRoots.host());
    }

    /** As above, with the sensors under {@code roots} (a fixture board). */
    public static MeasuredAxes probe(HostPower host, SystemRoots roots) {
        try (SensorSet set = TelemetryFactory.discover(host.profile(), roots, CommandRunner.PROCESS, host.links())) {
            return of(set);
        }
    }

    static MeasuredAxes of(SensorSet set) {
        List<String> power = new ArrayList<>();
        List<String> temp = new ArrayList<>();
        for (Collector c : set.collectors()) {
            if (c.channels().stream()
                    .anyMatch(ch -> ch.quantity() == Quantity.POWER_W || ch.quantity() == Quantity.ENERGY_MJ)) {
                power.add(c.source());
            }
            if (c.channels().stream().anyMatch(ch -> ch.quantity() == Quantity.TEMP_C)) {
                temp.add(c.source());
            }
        }
        return new MeasuredAxes(power, temp);
    }

    /**
     * One line per axis compare's interleaved rounds leave unmeasured, saying why: the board has no such source, or
     * it has one that interleaved rounds do not sample (--sample-hz runs the lanes one after another with energy
     * per lane instead), or heat blocks are off for temperature. A compare that samples the board's power in its
     * rounds (RoundPower) replaces the energy line: gone when answered, the reason when its rounds did not resolve.
     */
    public List<String> notMeasured() {
        List<String> out = new ArrayList<>();
        out.add(line(
                "energy per inference",
                powerSources,
                "no power source (no INA2xx, RAPL, PMIC or plug; " + "see edgebench sensors, or add --power-plug)"));
        out.add(
                temperatureSources.isEmpty()
                        ? line(
                                "temperature",
                                temperatureSources,
                                "no temperature source (no thermal zone or hwmon sensor;" + " see edgebench sensors)")
                        : "temperature: not measured: heat blocks are off (heat_blocks 0); the default, 3, runs"
                                + " ABBA heat blocks on " + String.join(", ", temperatureSources) + " after the rounds"
                                + " (2 lanes: 12 blocks of --heat-block-s 20 s, 4 to 8 min with the cooldowns;"
                                + " docs/bench.md)");
        return out;
    }

    private static String line(String axis, List<String> sources, String none) {
        if (sources.isEmpty()) {
            return axis + ": not measured: this board has " + none;
        }
        return axis + ": not measured: interleaved rounds do not sample " + String.join(", ", sources) + " yet;"
                + " --sample-hz 50 runs the lanes one after another with " + axis + " per lane (no verdict between"
                + " lanes)";
    }
}

package io.edgebench.telemetry;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.SystemRoots;
import io.edgebench.link.PowerLinks;
import io.edgebench.telemetry.apex.ApexCollector;
import io.edgebench.telemetry.cpu.CpuFreqCollector;
import io.edgebench.telemetry.cpu.CpuUtilCollector;
import io.edgebench.telemetry.hwmon.HwmonCollector;
import io.edgebench.telemetry.ina2xx.Ina2xxBus;
import io.edgebench.telemetry.mqttpower.MqttPowerCollector;
import io.edgebench.telemetry.rapl.RaplCollector;
import io.edgebench.telemetry.rpi.PmicCollector;
import io.edgebench.telemetry.rpi.ThrottleCollector;
import io.edgebench.telemetry.thermal.ThermalZoneCollector;
import java.time.Duration;

/** Builds the collectors a profile lists, and the {@link RunTelemetry} the bench runner uses. */
public final class TelemetryFactory {
    private TelemetryFactory() {}

    /** Probes every source the profile lists; what is missing lands in {@link SensorSet#absent()} with why. */
    public static SensorSet discover(DeviceProfile profile, SystemRoots roots, CommandRunner runner) {
        return discover(profile, roots, runner, PowerLinks.NONE);
    }

    /**
     * As above; a plug in the profile ({@code mqtt_power:}) is read through a broker link from {@code links}, whether
     * or not {@code sensors} lists mqtt_power (declaring the plug is the request).
     */
    public static SensorSet discover(DeviceProfile profile, SystemRoots roots, CommandRunner runner, PowerLinks links) {
        SensorSet.Builder out = new SensorSet.Builder();
        if (profile.mqttPower() != null) {
            MqttPowerCollector.probe(profile.mqttPower(), links, out);
        } else if (profile.sensors().contains("mqtt_power")) {
            out.absent(
                    "mqtt_power",
                    "profile [" + profile.name() + "] lists mqtt_power but configures no plug (add"
                            + " an mqtt_power: entry, e.g. {preset: tasmota, device: plug1})");
        }
        for (String sensor : profile.sensors()) {
            switch (sensor) {
                case "thermal" -> ThermalZoneCollector.probe(roots, out);
                case "hwmon" -> HwmonCollector.probe(roots, out);
                case "cpufreq" -> CpuFreqCollector.probe(roots, out);
                case "cpu_util" -> CpuUtilCollector.probe(roots, out);
                case "rapl" -> RaplCollector.probe(roots, out);
                case "apex" -> ApexCollector.probe(roots, out);
                case "rpi_throttle" -> ThrottleCollector.probe(roots, runner, out);
                case "rpi_pmic" -> PmicCollector.probe(runner, out);
                case "mqtt_power" -> {} // probed above
                case "ina2xx" -> {
                    if (profile.ina2xx().isEmpty()) {
                        out.absent(
                                "ina2xx",
                                "profile [" + profile.name() + "] configures no INA219/INA226/INA260"
                                        + " (add an ina2xx: entry with chip, bus, address, shunt_ohms, max_current_a)");
                    } else {
                        Ina2xxBus.probe(roots, profile.ina2xx(), out);
                    }
                }
                default -> throw new IllegalStateException("unhandled sensor " + sensor); // DeviceProfile validates
            }
        }
        return out.build();
    }

    /** Telemetry for one run on a machine described by {@code profile}; OFF when sampleHz is 0. */
    public static RunTelemetry forRun(
            double sampleHz, DeviceProfile profile, SystemRoots roots, CommandRunner runner, Duration baseline) {
        return forRun(sampleHz, profile, roots, runner, baseline, PowerLinks.NONE);
    }

    /** As above, with a broker link for a plug in the profile. */
    public static RunTelemetry forRun(
            double sampleHz,
            DeviceProfile profile,
            SystemRoots roots,
            CommandRunner runner,
            Duration baseline,
            PowerLinks links) {
        if (sampleHz == 0) {
            return RunTelemetry.OFF;
        }
        return new SampledRunTelemetry(discover(profile, roots, runner, links), profile, sampleHz, baseline);
    }

    /**
     * Telemetry for one run on this machine: the profile named (null: detected), the real /sys, /proc, /dev and
     * vcgencmd, a 1 s idle baseline. The bench runner's one-line hook.
     */
    public static RunTelemetry forHost(double sampleHz, String profileName) {
        return forMachine(sampleHz, HostPower.none(profileName));
    }

    /**
     * Telemetry on this machine with the profile, extra profiles dir and plug that {@code host} names: what
     * `edgebench bench --profile/--profiles-dir/--power-plug` and the agent (its broker, its agent-config plug) use.
     */
    public static RunTelemetry forMachine(double sampleHz, HostPower host) {
        return forMachine(sampleHz, host, SystemRoots.host());
    }

    /** As above, reading sensors under {@code roots} (compare --sysfs-root: the same sysfs its rounds' power reads). */
    public static RunTelemetry forMachine(double sampleHz, HostPower host, SystemRoots roots) {
        if (sampleHz == 0) {
            return RunTelemetry.OFF;
        }
        DeviceProfile profile = host.profile();
        return forRun(
                sampleHz, profile, roots, CommandRunner.PROCESS, SampledRunTelemetry.DEFAULT_BASELINE, host.links());
    }
}

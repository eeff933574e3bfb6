package io.edgebench.telemetry;

import io.edgebench.config.SystemRoots;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.ProfileDetector;
import io.edgebench.telemetry.apex.ApexCollector;
import io.edgebench.telemetry.cpu.CpuFreqCollector;
import io.edgebench.telemetry.cpu.CpuUtilCollector;
import io.edgebench.telemetry.hwmon.HwmonCollector;
import io.edgebench.telemetry.ina2xx.Ina2xxBus;
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
        SensorSet.Builder out = new SensorSet.Builder();
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
                case "ina2xx" -> {
                    if (profile.ina2xx().isEmpty()) {
                        out.absent("ina2xx", "profile [" + profile.name() + "] configures no INA219/INA226/INA260"
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
    public static RunTelemetry forRun(double sampleHz, DeviceProfile profile, SystemRoots roots, CommandRunner runner,
            Duration baseline) {
        if (sampleHz == 0) {
            return RunTelemetry.OFF;
        }
        return new SampledRunTelemetry(discover(profile, roots, runner), profile, sampleHz, baseline);
    }

    /**
     * Telemetry for one run on this machine: the profile named (null: detected), the real /sys, /proc, /dev and
     * vcgencmd, a 1 s idle baseline. The bench runner's one-line hook.
     */
    public static RunTelemetry forHost(double sampleHz, String profileName) {
        if (sampleHz == 0) {
            return RunTelemetry.OFF;
        }
        DeviceProfile profile = ProfileDetector.resolve(profileName, null, SystemRoots.host()).profile();
        return forRun(sampleHz, profile, SystemRoots.host(), CommandRunner.PROCESS, SampledRunTelemetry.DEFAULT_BASELINE);
    }
}

package io.edgebench.telemetry.hwmon;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.DataRate;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsCollector;
import io.edgebench.telemetry.SysfsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hwmon devices ({@code /sys/class/hwmon/hwmon*}): temperatures, power, current, voltage and energy counters, e.g.
 * the kernel's ina2xx driver, coretemp, or the Pi's cpu_thermal and rpi_volt.
 */
public final class HwmonCollector extends SysfsCollector {
    private static final Pattern INPUT = Pattern.compile("(temp|power|curr|in|energy)(\\d+)_input");

    /** The slowest update_interval (ms) among devices with power or energy channels; 0 when none says. */
    private final long updateIntervalMs;

    private HwmonCollector(Probe probe, long updateIntervalMs) {
        super(probe);
        this.updateIntervalMs = updateIntervalMs;
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Probe probe = new Probe("hwmon", out);
        Path dir = roots.sys().resolve("class/hwmon");
        List<Path> devices =
                probe.entries(dir, "hwmon\\d+", "no " + dir + "/hwmon*: no hardware monitoring driver is loaded");
        if (devices.isEmpty()) {
            return;
        }
        long interval = 0;
        for (Path device : devices) {
            String name = text(device.resolve("name"), device.getFileName().toString());
            for (Path input : probe.entries(device, INPUT.pattern(), null)) {
                Matcher m = INPUT.matcher(input.getFileName().toString());
                m.matches();
                try {
                    probe.add(
                            input,
                            new Channel("hwmon/" + name + "/" + m.group(1) + m.group(2), quantity(m.group(1))),
                            scale(m.group(1)));
                    if (m.group(1).equals("power") || m.group(1).equals("energy")) {
                        interval = Math.max(interval, updateIntervalMs(device));
                    }
                } catch (IOException e) {
                    probe.absent(input + " not readable: " + e.getMessage());
                }
            }
        }
        long slowestMs = interval;
        probe.finish(
                p -> new HwmonCollector(p, slowestMs),
                "hwmon devices exist under " + dir + " but none has a readable *_input");
    }

    /** hwmon ABI update_interval: the driver's refresh period in ms (e.g. the kernel's ina2xx); 0 when absent. */
    private static long updateIntervalMs(Path device) {
        try {
            return Long.parseLong(
                    SysfsFile.readText(device.resolve("update_interval")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Reading faster than the driver refreshes (its update_interval) would only repeat its last value. */
    @Override
    public double maxRateHz() {
        return updateIntervalMs > 0 ? Math.min(super.maxRateHz(), 1000.0 / updateIntervalMs) : super.maxRateHz();
    }

    /** What the driver says its refresh is (hwmon has no "new value" flag to poll): 1000 / update_interval. */
    @Override
    public DataRate measureDataRate(java.time.Duration budget) {
        return updateIntervalMs <= 0
                ? null
                : new DataRate(1000.0 / updateIntervalMs, "the driver's update_interval " + updateIntervalMs + " ms");
    }

    private static Quantity quantity(String kind) {
        return switch (kind) {
            case "temp" -> Quantity.TEMP_C;
            case "power" -> Quantity.POWER_W;
            case "curr" -> Quantity.CURRENT_A;
            case "in" -> Quantity.VOLTAGE_V;
            default -> Quantity.ENERGY_MJ;
        };
    }

    /**
     * Divisor to our units; hwmon sysfs ABI: temp millidegree C, power microwatt, curr milliampere, in millivolt,
     * energy microjoule (to mJ). Dividing (not multiplying by 1e-3) keeps "48686" exactly 48.686.
     */
    private static double scale(String kind) {
        return switch (kind) {
            case "power" -> 1e6;
            case "temp", "curr", "in", "energy" -> 1e3;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String text(Path p, String fallback) {
        try {
            return SysfsFile.readText(p);
        } catch (IOException e) {
            return fallback;
        }
    }
}

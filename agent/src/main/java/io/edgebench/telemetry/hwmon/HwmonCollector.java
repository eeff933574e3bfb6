package io.edgebench.telemetry.hwmon;

import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsFile;
import io.edgebench.telemetry.SysfsListing;
import io.edgebench.config.SystemRoots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hwmon devices ({@code /sys/class/hwmon/hwmon*}): temperatures, power, current, voltage and energy counters, e.g.
 * the kernel's ina2xx driver, coretemp, or the Pi's cpu_thermal and rpi_volt.
 */
public final class HwmonCollector implements Collector {
    private static final Pattern INPUT = Pattern.compile("(temp|power|curr|in|energy)(\\d+)_input");

    private final List<Channel> channels;
    private final List<SysfsFile> files;
    private final double[] scale;

    private HwmonCollector(List<Channel> channels, List<SysfsFile> files, double[] scale) {
        this.channels = List.copyOf(channels);
        this.files = List.copyOf(files);
        this.scale = scale;
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Path dir = roots.sys().resolve("class/hwmon");
        List<Path> devices;
        try {
            devices = SysfsListing.list(dir, "hwmon\\d+");
        } catch (IOException e) {
            out.absent("hwmon", SysfsListing.cannotList(dir, e));
            return;
        }
        if (devices.isEmpty()) {
            out.absent("hwmon", "no " + dir + "/hwmon*: no hardware monitoring driver is loaded");
            return;
        }
        List<Channel> channels = new ArrayList<>();
        List<SysfsFile> files = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        for (Path device : devices) {
            String name = text(device.resolve("name"), device.getFileName().toString());
            List<Path> inputs;
            try {
                inputs = SysfsListing.list(device, INPUT.pattern());
            } catch (IOException e) {
                out.absent("hwmon", SysfsListing.cannotList(device, e));
                continue;
            }
            for (Path input : inputs) {
                Matcher m = INPUT.matcher(input.getFileName().toString());
                m.matches();
                try {
                    SysfsFile f = SysfsFile.open(input);
                    f.readLong();
                    String label = m.group(1) + m.group(2);
                    channels.add(new Channel("hwmon/" + name + "/" + label, quantity(m.group(1))));
                    scales.add(scale(m.group(1)));
                    files.add(f);
                } catch (IOException e) {
                    out.absent("hwmon", input + " not readable: " + e.getMessage());
                }
            }
        }
        if (channels.isEmpty()) {
            out.absent("hwmon", "hwmon devices exist under " + dir + " but none has a readable *_input");
            return;
        }
        out.add(new HwmonCollector(channels, files, scales.stream().mapToDouble(Double::doubleValue).toArray()));
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

    @Override
    public String source() {
        return "hwmon";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public void read(double[] values) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            values[i] = files.get(i).readLong() / scale[i];
        }
    }

    @Override
    public void close() {
        files.forEach(SysfsFile::close);
    }
}

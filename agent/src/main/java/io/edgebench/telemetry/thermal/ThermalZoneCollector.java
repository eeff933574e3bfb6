package io.edgebench.telemetry.thermal;

import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsFile;
import io.edgebench.telemetry.SysfsListing;
import io.edgebench.config.SystemRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kernel thermal zones: {@code /sys/class/thermal/thermal_zone*}/{type,temp}. */
public final class ThermalZoneCollector implements Collector {
    private final List<Channel> channels;
    private final List<SysfsFile> files;

    private ThermalZoneCollector(List<Channel> channels, List<SysfsFile> files) {
        this.channels = List.copyOf(channels);
        this.files = List.copyOf(files);
    }

    /** Adds a collector for every readable zone, or an absent entry saying why there is none. */
    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Path dir = roots.sys().resolve("class/thermal");
        List<Path> zones;
        try {
            zones = SysfsListing.list(dir, "thermal_zone\\d+");
        } catch (IOException e) {
            out.absent("thermal", SysfsListing.cannotList(dir, e));
            return;
        }
        if (zones.isEmpty()) {
            out.absent("thermal", "no " + dir + "/thermal_zone*: this kernel exposes no thermal zones");
            return;
        }
        List<Channel> channels = new ArrayList<>();
        List<SysfsFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> unreadable = new ArrayList<>();
        for (Path zone : zones) {
            try {
                String type = Files.isReadable(zone.resolve("type")) ? SysfsFile.readText(zone.resolve("type"))
                        : zone.getFileName().toString();
                SysfsFile temp = SysfsFile.open(zone.resolve("temp"));
                temp.readLong(); // a zone whose sensor is down (e.g. -ENODATA) is left out now, not every sample
                String name = names.add(type) ? type : type + "_" + zone.getFileName().toString().substring(13);
                channels.add(new Channel("thermal/" + name, Quantity.TEMP_C));
                files.add(temp);
            } catch (IOException e) {
                unreadable.add(zone.getFileName() + " (" + e.getMessage() + ")");
            }
        }
        if (!unreadable.isEmpty()) {
            out.absent("thermal", "unreadable zones: " + String.join(", ", unreadable));
        }
        if (!channels.isEmpty()) {
            out.add(new ThermalZoneCollector(channels, files));
        }
    }

    @Override
    public String source() {
        return "thermal";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    /** Temperatures move over seconds, and some SoC sensors (i.MX TMU) are slow to read: 20 Hz is plenty. */
    @Override
    public double maxRateHz() {
        return 20;
    }

    @Override
    public void read(double[] values) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            // thermal_zone*/temp: millidegree Celsius
            values[i] = files.get(i).readLong() / 1000.0;
        }
    }

    @Override
    public void close() {
        files.forEach(SysfsFile::close);
    }
}

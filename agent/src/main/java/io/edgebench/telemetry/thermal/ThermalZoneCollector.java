package io.edgebench.telemetry.thermal;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsCollector;
import io.edgebench.telemetry.SysfsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kernel thermal zones: {@code /sys/class/thermal/thermal_zone*}/{type,temp}. */
public final class ThermalZoneCollector extends SysfsCollector {
    private ThermalZoneCollector(Probe probe) {
        super(probe);
    }

    /** Adds a collector for every readable zone, or an absent entry saying why there is none. */
    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Probe probe = new Probe("thermal", out);
        Path dir = roots.sys().resolve("class/thermal");
        Set<String> names = new HashSet<>();
        List<String> unreadable = new ArrayList<>();
        for (Path zone : probe.entries(
                dir, "thermal_zone\\d+", "no " + dir + "/thermal_zone*: this kernel exposes no thermal zones")) {
            try {
                String type = Files.isReadable(zone.resolve("type"))
                        ? SysfsFile.readText(zone.resolve("type"))
                        : zone.getFileName().toString();
                String name = names.add(type)
                        ? type
                        : type + "_" + zone.getFileName().toString().substring(13);
                // thermal_zone*/temp: millidegree Celsius
                probe.add(zone.resolve("temp"), new Channel("thermal/" + name, Quantity.TEMP_C), 1000.0);
            } catch (IOException e) {
                unreadable.add(zone.getFileName() + " (" + e.getMessage() + ")");
            }
        }
        if (!unreadable.isEmpty()) {
            probe.absent("unreadable zones: " + String.join(", ", unreadable));
        }
        probe.finish(ThermalZoneCollector::new, null);
    }

    /** Temperatures move over seconds, and some SoC sensors (i.MX TMU) are slow to read: 20 Hz is plenty. */
    @Override
    public double maxRateHz() {
        return 20;
    }
}

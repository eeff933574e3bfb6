package io.edgebench.telemetry.apex;

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
import java.util.List;

/**
 * Edge TPU over PCIe (Coral Dev Board, M.2/mini-PCIe modules): the gasket/apex driver's
 * {@code /sys/class/apex/apex_N/temp} and its dynamic frequency scaling trip points. Per Coral's "PCIe parameters"
 * documentation the TPU runs at 500 MHz and drops to 250, 125 and 62.5 MHz as the temperature passes
 * trip_point0/1/2_temp; the clock channel is inferred from those trip points, the driver does not report it.
 */
public final class ApexCollector extends SysfsCollector {
    static final double FULL_CLOCK_MHZ = 500;

    private final List<double[]> tripPointsC;

    private ApexCollector(Probe probe, List<double[]> tripPointsC) {
        super(probe);
        this.tripPointsC = List.copyOf(tripPointsC);
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Probe probe = new Probe("apex", out);
        Path dir = roots.sys().resolve("class/apex");
        List<double[]> trips = new ArrayList<>();
        for (Path d : probe.entries(
                dir,
                "apex_\\d+",
                "no " + dir + "/apex_*: no PCIe Edge TPU (or the gasket/apex driver is not loaded)")) {
            String name = d.getFileName().toString();
            try {
                List<Double> tp = new ArrayList<>();
                for (int i = 0; Files.exists(d.resolve("trip_point" + i + "_temp")); i++) {
                    // trip_point*_temp: millidegree Celsius
                    tp.add(Long.parseLong(SysfsFile.readText(d.resolve("trip_point" + i + "_temp"))) / 1000.0);
                }
                // apex temp: millidegree Celsius
                probe.add(d.resolve("temp"), new Channel("apex/" + name, Quantity.TEMP_C), 1000.0);
                probe.derived(new Channel("apex/" + name + "/clock", Quantity.ACCEL_CLOCK_MHZ));
                trips.add(tp.stream().mapToDouble(Double::doubleValue).sorted().toArray());
            } catch (IOException | NumberFormatException e) {
                probe.absent(d + "/temp not readable: " + e.getMessage());
            }
        }
        probe.finish(p -> new ApexCollector(p, trips), null);
    }

    /** The inferred clock: full speed halved once for every trip point at or below the temperature. */
    static double clockMhz(double tempC, double[] tripPointsC) {
        double clock = FULL_CLOCK_MHZ;
        for (double trip : tripPointsC) {
            if (tempC >= trip) {
                clock /= 2;
            }
        }
        return clock;
    }

    /** Each read is a register read over PCIe by the apex driver; temperature moves over seconds. */
    @Override
    public double maxRateHz() {
        return 20;
    }

    @Override
    public void read(double[] values) throws IOException {
        List<SysfsFile> temps = files();
        for (int i = 0; i < temps.size(); i++) {
            double c = temps.get(i).readLong() / 1000.0; // apex temp: millidegree Celsius
            values[2 * i] = c;
            values[2 * i + 1] = clockMhz(c, tripPointsC.get(i));
        }
    }
}

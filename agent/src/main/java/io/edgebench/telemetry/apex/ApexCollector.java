package io.edgebench.telemetry.apex;

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
import java.util.List;

/**
 * Edge TPU over PCIe (Coral Dev Board, M.2/mini-PCIe modules): the gasket/apex driver's
 * {@code /sys/class/apex/apex_N/temp} and its dynamic frequency scaling trip points. Per Coral's "PCIe parameters"
 * documentation the TPU runs at 500 MHz and drops to 250, 125 and 62.5 MHz as the temperature passes
 * trip_point0/1/2_temp; the clock channel is inferred from those trip points, the driver does not report it.
 */
public final class ApexCollector implements Collector {
    static final double FULL_CLOCK_MHZ = 500;

    private final List<Channel> channels;
    private final List<SysfsFile> temps;
    private final List<double[]> tripPointsC;

    private ApexCollector(List<Channel> channels, List<SysfsFile> temps, List<double[]> tripPointsC) {
        this.channels = List.copyOf(channels);
        this.temps = List.copyOf(temps);
        this.tripPointsC = List.copyOf(tripPointsC);
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Path dir = roots.sys().resolve("class/apex");
        List<Path> devices;
        try {
            devices = SysfsListing.list(dir, "apex_\\d+");
        } catch (IOException e) {
            out.absent("apex", SysfsListing.cannotList(dir, e));
            return;
        }
        if (devices.isEmpty()) {
            out.absent("apex", "no " + dir + "/apex_*: no PCIe Edge TPU (or the gasket/apex driver is not loaded)");
            return;
        }
        List<Channel> channels = new ArrayList<>();
        List<SysfsFile> temps = new ArrayList<>();
        List<double[]> trips = new ArrayList<>();
        for (Path d : devices) {
            String name = d.getFileName().toString();
            try {
                SysfsFile t = SysfsFile.open(d.resolve("temp"));
                t.readLong();
                List<Double> tp = new ArrayList<>();
                for (int i = 0; Files.exists(d.resolve("trip_point" + i + "_temp")); i++) {
                    // trip_point*_temp: millidegree Celsius
                    tp.add(Long.parseLong(SysfsFile.readText(d.resolve("trip_point" + i + "_temp"))) / 1000.0);
                }
                channels.add(new Channel("apex/" + name, Quantity.TEMP_C));
                channels.add(new Channel("apex/" + name + "/clock", Quantity.ACCEL_CLOCK_MHZ));
                temps.add(t);
                trips.add(tp.stream().mapToDouble(Double::doubleValue).sorted().toArray());
            } catch (IOException | NumberFormatException e) {
                out.absent("apex", d + "/temp not readable: " + e.getMessage());
            }
        }
        if (!channels.isEmpty()) {
            out.add(new ApexCollector(channels, temps, trips));
        }
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

    @Override
    public String source() {
        return "apex";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    /** Each read is a register read over PCIe by the apex driver; temperature moves over seconds. */
    @Override
    public double maxRateHz() {
        return 20;
    }

    @Override
    public void read(double[] values) throws IOException {
        for (int i = 0; i < temps.size(); i++) {
            double c = temps.get(i).readLong() / 1000.0; // apex temp: millidegree Celsius
            values[2 * i] = c;
            values[2 * i + 1] = clockMhz(c, tripPointsC.get(i));
        }
    }

    @Override
    public void close() {
        temps.forEach(SysfsFile::close);
    }
}

package io.edgebench.telemetry.rapl;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsCollector;
import io.edgebench.telemetry.SysfsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Intel RAPL package energy counters ({@code /sys/class/powercap/intel-rapl:N/energy_uj}), unwrapped into a
 * monotonic energy in mJ. Only top-level domains (packages) are read: core/uncore/dram nest inside them or are
 * separate, and summing them would count twice.
 */
public final class RaplCollector extends SysfsCollector {
    private final long[] maxRangeUj;
    private final long[] lastRawUj;
    private final double[] accumulatedUj;

    private RaplCollector(Probe probe, long[] maxRangeUj) {
        super(probe);
        this.maxRangeUj = maxRangeUj;
        this.lastRawUj = new long[maxRangeUj.length];
        this.accumulatedUj = new double[maxRangeUj.length];
        java.util.Arrays.fill(lastRawUj, -1);
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Probe probe = new Probe("rapl", out);
        Path dir = roots.sys().resolve("class/powercap");
        List<Long> ranges = new ArrayList<>();
        for (Path d : probe.entries(
                dir,
                "intel-rapl:\\d+",
                "no " + dir + "/intel-rapl:N: no Intel RAPL here (not x86, or hidden by the VM)")) {
            Path energy = d.resolve("energy_uj");
            try {
                String name = SysfsFile.readText(d.resolve("name"));
                long range = Long.parseLong(SysfsFile.readText(d.resolve("max_energy_range_uj")));
                // energy_uj: microjoules; read() accumulates across wraps rather than dividing
                probe.add(energy, new Channel("rapl/" + name, Quantity.ENERGY_MJ), 1000.0);
                ranges.add(range);
            } catch (IOException | RuntimeException e) {
                probe.absent(
                        energy + ": not readable (" + e.getMessage() + "; since Linux 5.10 energy_uj is root-only)");
            }
        }
        probe.finish(
                p -> new RaplCollector(
                        p, ranges.stream().mapToLong(Long::longValue).toArray()),
                null);
    }

    /** RAPL's energy status unit is 2^-14 J (61 uJ) on most Intel parts; sysfs does not say. */
    @Override
    public double energyResolutionMj() {
        return 1000.0 / (1 << 14);
    }

    @Override
    public void read(double[] values) throws IOException {
        List<SysfsFile> files = files();
        for (int i = 0; i < files.size(); i++) {
            long raw = files.get(i).readLong(); // energy_uj: microjoules, wraps to 0 after max_energy_range_uj
            if (lastRawUj[i] >= 0) {
                long delta = raw - lastRawUj[i];
                if (delta < 0) {
                    // wrapped: max_energy_range_uj is the 32-bit register's top value; the true period is one energy
                    // unit (~61 uJ) longer, which sysfs does not expose, so each wrap undercounts by that unit
                    delta += maxRangeUj[i];
                }
                accumulatedUj[i] += delta;
            }
            lastRawUj[i] = raw;
            values[i] = accumulatedUj[i] / 1000.0;
        }
    }
}

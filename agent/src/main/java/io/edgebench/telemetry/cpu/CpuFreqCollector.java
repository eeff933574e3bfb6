package io.edgebench.telemetry.cpu;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Current frequency per core: {@code /sys/devices/system/cpu/cpu*}/cpufreq/scaling_cur_freq. */
public final class CpuFreqCollector extends SysfsCollector {
    private CpuFreqCollector(Probe probe) {
        super(probe);
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Probe probe = new Probe("cpufreq", out);
        Path dir = roots.sys().resolve("devices/system/cpu");
        for (Path cpu : probe.entries(dir, "cpu\\d+", null)) {
            Path f = cpu.resolve("cpufreq/scaling_cur_freq");
            if (!Files.exists(f)) {
                continue;
            }
            try {
                // scaling_cur_freq: kHz
                probe.add(f, new Channel("cpufreq/" + cpu.getFileName(), Quantity.CPU_FREQ_MHZ), 1000.0);
            } catch (IOException e) {
                probe.absent(f + " not readable: " + e.getMessage());
            }
        }
        probe.finish(
                CpuFreqCollector::new,
                "no " + dir + "/cpu*/cpufreq/scaling_cur_freq: no cpufreq driver (common in VMs)");
    }

    /** On x86 scaling_cur_freq samples APERF/MPERF on each core (an IPI per read): 50 Hz at most. */
    @Override
    public double maxRateHz() {
        return 50;
    }
}

package io.edgebench.telemetry.cpu;

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

/** Current frequency per core: {@code /sys/devices/system/cpu/cpu*}/cpufreq/scaling_cur_freq. */
public final class CpuFreqCollector implements Collector {
    private final List<Channel> channels;
    private final List<SysfsFile> files;

    private CpuFreqCollector(List<Channel> channels, List<SysfsFile> files) {
        this.channels = List.copyOf(channels);
        this.files = List.copyOf(files);
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Path dir = roots.sys().resolve("devices/system/cpu");
        List<Path> cores;
        try {
            cores = SysfsListing.list(dir, "cpu\\d+");
        } catch (IOException e) {
            out.absent("cpufreq", SysfsListing.cannotList(dir, e));
            return;
        }
        List<Channel> channels = new ArrayList<>();
        List<SysfsFile> files = new ArrayList<>();
        for (Path cpu : cores) {
            Path f = cpu.resolve("cpufreq/scaling_cur_freq");
            if (!Files.exists(f)) {
                continue;
            }
            try {
                SysfsFile file = SysfsFile.open(f);
                file.readLong();
                channels.add(new Channel("cpufreq/" + cpu.getFileName(), Quantity.CPU_FREQ_MHZ));
                files.add(file);
            } catch (IOException e) {
                out.absent("cpufreq", f + " not readable: " + e.getMessage());
            }
        }
        if (channels.isEmpty()) {
            out.absent("cpufreq", "no " + dir + "/cpu*/cpufreq/scaling_cur_freq: no cpufreq driver (common in VMs)");
            return;
        }
        out.add(new CpuFreqCollector(channels, files));
    }

    @Override
    public String source() {
        return "cpufreq";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    /** On x86 scaling_cur_freq samples APERF/MPERF on each core (an IPI per read): 50 Hz at most. */
    @Override
    public double maxRateHz() {
        return 50;
    }

    @Override
    public void read(double[] values) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            // scaling_cur_freq: kHz
            values[i] = files.get(i).readLong() / 1000.0;
        }
    }

    @Override
    public void close() {
        files.forEach(SysfsFile::close);
    }
}

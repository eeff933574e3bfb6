package io.edgebench.telemetry.cpu;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Whole-machine CPU utilisation from the aggregate {@code cpu} line of /proc/stat: busy share of the jiffies that
 * passed since the previous read. The first read has no previous one and yields NaN (no data).
 */
public final class CpuUtilCollector implements Collector {
    private static final List<Channel> CHANNELS = List.of(new Channel("cpu/util", Quantity.CPU_UTIL_PCT));
    private final SysfsFile stat;
    private long lastTotal = -1;
    private long lastIdle;

    private CpuUtilCollector(SysfsFile stat) {
        this.stat = stat;
    }

    public static void probe(SystemRoots roots, SensorSet.Builder out) {
        Path p = roots.proc().resolve("stat");
        try {
            // the aggregate line comes first and is < 256 bytes even with 10 fields of 64-bit counters
            SysfsFile f = SysfsFile.open(p, 256);
            CpuUtilCollector c = new CpuUtilCollector(f);
            c.read(new double[1]);
            out.add(c);
        } catch (IOException e) {
            out.absent("cpu_util", p + " not readable: " + e.getMessage());
        }
    }

    @Override
    public String source() {
        return "cpu_util";
    }

    @Override
    public List<Channel> channels() {
        return CHANNELS;
    }

    /**
     * /proc/stat counts in USER_HZ (100/s) ticks, so faster reads only quantise utilisation to 0/50/100 %; and
     * the kernel formats the whole file (every IRQ counter) on each read, the costliest file we read.
     */
    @Override
    public double maxRateHz() {
        return 10;
    }

    @Override
    public void read(double[] values) throws IOException {
        int n = stat.load();
        byte[] b = stat.bytes();
        if (n < 4 || b[0] != 'c' || b[1] != 'p' || b[2] != 'u' || b[3] != ' ') {
            throw new IOException(stat.path() + " does not start with the aggregate \"cpu \" line");
        }
        // fields: user nice system idle iowait irq softirq steal (guest time is already inside user/nice)
        long total = 0;
        long idle = 0;
        int field = 0;
        long value = 0;
        boolean inNumber = false;
        for (int i = 4; i < n && b[i] != '\n'; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                inNumber = true;
            } else if (inNumber) {
                if (field < 8) {
                    total += value;
                    idle += (field == 3 || field == 4) ? value : 0;
                }
                field++;
                value = 0;
                inNumber = false;
            }
        }
        if (inNumber && field < 8) {
            total += value;
            idle += (field == 3 || field == 4) ? value : 0;
        }
        long dTotal = total - lastTotal;
        values[0] = lastTotal < 0 || dTotal <= 0 ? Double.NaN : 100.0 * (dTotal - (idle - lastIdle)) / dTotal;
        lastTotal = total;
        lastIdle = idle;
    }

    @Override
    public void close() {
        stat.close();
    }
}

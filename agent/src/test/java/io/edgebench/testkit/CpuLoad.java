package io.edgebench.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * This machine's real CPU load, for fixture boards whose sensors follow it as a board's would: the busy share of all
 * CPUs over the last ten calls of {@link #busy()} (about 50 ms when called every 5 ms), from /proc/stat.
 */
public final class CpuLoad {
    private final long[][] ring = new long[10][];
    private int calls;

    /** 0..1: busy jiffies (all but idle and iowait) over total jiffies since the oldest call in the ring. */
    public double busy() throws IOException {
        long[] now = ticks();
        long[] then = ring[calls % ring.length];
        ring[calls++ % ring.length] = now;
        return then == null || now[1] == then[1] ? 0 : (double) (now[0] - then[0]) / (now[1] - then[1]);
    }

    /**
     * Rewrites a sysfs value file in place (a collector keeps it open), fixed width so a shorter value never leaves
     * an old tail.
     */
    public static void write(FileChannel file, double value) throws IOException {
        String text = String.format(Locale.ROOT, "%010d%n", Math.round(value));
        file.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private static long[] ticks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int k = 1; k < f.length; k++) {
            total += Long.parseLong(f[k]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }
}

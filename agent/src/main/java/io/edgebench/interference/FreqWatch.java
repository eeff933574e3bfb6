package io.edgebench.interference;

import io.edgebench.results.Interference.FreqRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads scaling_cur_freq (kHz) of the given CPUs every {@value #PERIOD_MS} ms while a timed window runs, so that a
 * governor step down and back up inside the window is seen, not only the values at its edges. One daemon thread per
 * window; a read costs a few microseconds per CPU, under 0.1 % of one core at this period.
 */
public final class FreqWatch {
    static final long PERIOD_MS = 50;

    private final List<Path> files;
    private final List<Integer> cpus;
    private final Map<Integer, FreqRange> seen = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private FreqWatch(Path sysRoot, List<Integer> cpus) {
        this.cpus = List.copyOf(cpus);
        this.files = cpus.stream()
                .map(c -> sysRoot.resolve("devices/system/cpu/cpu" + c + "/cpufreq/scaling_cur_freq")).toList();
        this.thread = new Thread(this::loop, "edgebench-freq-watch");
        thread.setDaemon(true);
    }

    /** Starts watching; without cpufreq (VMs) nothing is read and {@link #stop()} returns an empty map. */
    public static FreqWatch start(Path sysRoot, List<Integer> cpus) {
        FreqWatch w = new FreqWatch(sysRoot, cpus);
        if (w.files.stream().anyMatch(Files::isReadable)) {
            w.thread.start();
        }
        return w;
    }

    private void loop() {
        while (running) {
            poll();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return; // stop() interrupts the sleep; it polls once more itself
            }
        }
    }

    /** One reading of every CPU; an unreadable file (a CPU going offline) is skipped. */
    void poll() {
        for (int i = 0; i < files.size(); i++) {
            try {
                long khz = Long.parseLong(Files.readString(files.get(i)).trim());
                synchronized (seen) {
                    seen.merge(cpus.get(i), new FreqRange(khz, khz), (a, b) -> new FreqRange(
                            Math.min(a.minKhz(), b.minKhz()), Math.max(a.maxKhz(), b.maxKhz())));
                }
            } catch (IOException | NumberFormatException e) {
                // no reading this time; the edges still have theirs
            }
        }
    }

    /** What was seen so far (for tests that wait on the watcher). */
    Map<Integer, FreqRange> seenSoFar() {
        synchronized (seen) {
            return Map.copyOf(seen);
        }
    }

    /** Stops the thread and returns the lowest and highest frequency seen per CPU during the window. */
    public Map<Integer, FreqRange> stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (seen) {
            return Map.copyOf(seen);
        }
    }
}

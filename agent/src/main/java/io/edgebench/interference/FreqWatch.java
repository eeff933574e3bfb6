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
 * governor step down and back up inside the window is seen, not only the values at its edges; and, on a Raspberry
 * Pi, the firmware's current throttling flags every {@value #THROTTLE_EVERY}th time (each read is a mailbox call to
 * the firmware). One daemon thread per window; a frequency read costs a few microseconds per CPU.
 */
public final class FreqWatch {
    static final long PERIOD_MS = 50;
    static final int THROTTLE_EVERY = 5;

    /**
     * What the watcher saw during the window.
     *
     * @param freqKhz per CPU, the lowest and highest frequency read
     * @param throttleBits the current-condition flags (bits 0-3) of every get_throttled read, OR-ed; null without one
     */
    public record Seen(Map<Integer, FreqRange> freqKhz, Long throttleBits) {
        public static final Seen NOTHING = new Seen(Map.of(), null);

        public Seen {
            freqKhz = Map.copyOf(freqKhz);
        }
    }

    private final List<Path> files;
    private final List<Integer> cpus;
    private final Map<Integer, FreqRange> seen = new TreeMap<>();
    private final Path throttle;
    private final Thread thread;
    private volatile boolean running = true;
    private long throttleBits;
    private boolean throttleRead;
    private int polls;

    private FreqWatch(Path sysRoot, List<Integer> cpus) {
        this.cpus = List.copyOf(cpus);
        this.files = cpus.stream()
                .map(c -> sysRoot.resolve("devices/system/cpu/cpu" + c + "/cpufreq/scaling_cur_freq"))
                .toList();
        this.throttle = FirmwareThrottle.find(sysRoot).orElse(null);
        this.thread = new Thread(this::loop, "edgebench-freq-watch");
        thread.setDaemon(true);
    }

    /** Starts watching; without cpufreq (VMs) nothing is read and {@link #stop()} returns an empty map. */
    public static FreqWatch start(Path sysRoot, List<Integer> cpus) {
        FreqWatch w = new FreqWatch(sysRoot, cpus);
        if (w.throttle != null || w.files.stream().anyMatch(Files::isReadable)) {
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

    /** One reading of every CPU (and of the throttle flags every few polls); an unreadable file is skipped. */
    void poll() {
        if (throttle != null && polls++ % THROTTLE_EVERY == 0) {
            try {
                long bits = Long.parseLong(Files.readString(throttle).trim(), 16) & FirmwareThrottle.NOW_MASK;
                synchronized (seen) {
                    throttleBits |= bits;
                    throttleRead = true;
                }
            } catch (IOException | NumberFormatException e) {
                // no reading this time
            }
        }
        for (int i = 0; i < files.size(); i++) {
            try {
                long khz = Long.parseLong(Files.readString(files.get(i)).trim());
                synchronized (seen) {
                    seen.merge(
                            cpus.get(i),
                            new FreqRange(khz, khz),
                            (a, b) ->
                                    new FreqRange(Math.min(a.minKhz(), b.minKhz()), Math.max(a.maxKhz(), b.maxKhz())));
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

    /** Stops the thread and returns what it saw during the window. */
    public Seen stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (throttle != null && !throttleRead) {
            polls = 0;
            poll(); // a window shorter than one period still gets its throttle reading
        }
        synchronized (seen) {
            return new Seen(seen, throttleRead ? throttleBits : null);
        }
    }
}

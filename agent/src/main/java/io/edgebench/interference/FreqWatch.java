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
 * the firmware). One per worker: the files and the throttle attribute are resolved once, and one daemon thread waits
 * between windows. {@link #arm()} starts a window; the thread sleeps one period before its first read, so the first
 * timed runs are not disturbed by it; {@link #collect()} ends the window. A frequency read costs a few microseconds
 * per CPU.
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
    private final Path throttle;
    /** Guards everything below; a poll holds it, so a poll never straddles two windows. */
    private final Object lock = new Object();

    private final Map<Integer, FreqRange> seen = new TreeMap<>();
    private boolean armed;
    private long window;
    private long throttleBits;
    private boolean throttleRead;
    private int polls;

    private FreqWatch(Path sysRoot, List<Integer> cpus) {
        this.cpus = List.copyOf(cpus);
        this.files = cpus.stream()
                .map(c -> sysRoot.resolve("devices/system/cpu/cpu" + c + "/cpufreq/scaling_cur_freq"))
                .toList();
        this.throttle = FirmwareThrottle.find(sysRoot).orElse(null);
    }

    /**
     * Resolves the files once and starts the worker's one watcher thread, idle until {@link #arm()}; without cpufreq
     * (VMs) and without the throttle attribute there is no thread and every window sees nothing.
     */
    public static FreqWatch open(Path sysRoot, List<Integer> cpus) {
        FreqWatch w = new FreqWatch(sysRoot, cpus);
        if (w.throttle != null || w.files.stream().anyMatch(Files::isReadable)) {
            Thread t = new Thread(w::loop, "edgebench-freq-watch");
            t.setDaemon(true);
            t.start();
        }
        return w;
    }

    /** Starts a window: forgets the last one; the first read comes one period later. */
    public void arm() {
        synchronized (lock) {
            seen.clear();
            throttleBits = 0;
            throttleRead = false;
            polls = 0;
            window++;
            armed = true;
            lock.notifyAll();
        }
    }

    private void loop() {
        try {
            while (true) {
                long w;
                synchronized (lock) {
                    while (!armed) {
                        lock.wait();
                    }
                    w = window;
                }
                Thread.sleep(PERIOD_MS);
                synchronized (lock) {
                    if (armed && window == w) {
                        poll();
                    }
                }
            }
        } catch (InterruptedException e) {
            // the worker is ending
        }
    }

    /** One reading of every CPU (and of the throttle flags every few polls); an unreadable file is skipped. */
    void poll() {
        synchronized (lock) {
            if (throttle != null && polls++ % THROTTLE_EVERY == 0) {
                try {
                    throttleBits |= Long.parseLong(Files.readString(throttle).trim(), 16) & FirmwareThrottle.NOW_MASK;
                    throttleRead = true;
                } catch (IOException | NumberFormatException e) {
                    // no reading this time
                }
            }
            for (int i = 0; i < files.size(); i++) {
                try {
                    long khz = Long.parseLong(Files.readString(files.get(i)).trim());
                    seen.merge(
                            cpus.get(i),
                            new FreqRange(khz, khz),
                            (a, b) ->
                                    new FreqRange(Math.min(a.minKhz(), b.minKhz()), Math.max(a.maxKhz(), b.maxKhz())));
                } catch (IOException | NumberFormatException e) {
                    // no reading this time; the edges still have theirs
                }
            }
        }
    }

    /** What was seen so far (for tests that wait on the watcher). */
    Map<Integer, FreqRange> seenSoFar() {
        synchronized (lock) {
            return Map.copyOf(seen);
        }
    }

    /** Ends the window and returns what was seen during it; the thread waits for the next {@link #arm()}. */
    public Seen collect() {
        synchronized (lock) {
            if (!armed) {
                return Seen.NOTHING;
            }
            armed = false;
            if (throttle != null && !throttleRead) {
                polls = 0;
                poll(); // a window shorter than one period still gets its throttle reading
            }
            return new Seen(seen, throttleRead ? throttleBits : null);
        }
    }
}

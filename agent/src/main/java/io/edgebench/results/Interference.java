package io.edgebench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What else happened on the machine during the timed window(s): the CPU time every other process used (all
 * busy time in /proc/stat minus the worker's own utime + stime and minus edgebench's own other processes), the
 * share of those edgebench processes, the steal time, and the CPU frequency range of the CPUs the worker may use.
 * Windows add up (interleaved rounds are one timed window in several pieces).
 *
 * @param windowS total length of the timed windows
 * @param otherCorePct other processes' CPU time as a percentage of one core over the window (100 = one core busy);
 *     edgebench's own processes are not in it
 * @param edgebenchCorePct edgebench's own other processes (the CLI or daemon JVM: sampler, progress; other lanes'
 *     workers; vcgencmd), same unit: reported, not judged
 * @param stealCorePct steal time, same unit
 * @param selfCorePct the worker's own CPU time (all its threads), same unit
 * @param freqKhz per CPU, the lowest and highest scaling_cur_freq seen at the window edges and every 50 ms between
 *     them (over all windows), and in how many of the windows it moved; empty without cpufreq
 * @param throttleBits a Raspberry Pi firmware's current throttling flags (get_throttled bits 0-3: under-voltage,
 *     arm frequency capped, throttled, soft temperature limit) read during the window, OR-ed; null without them
 */
public record Interference(
        double windowS,
        double otherCorePct,
        double stealCorePct,
        double selfCorePct,
        double edgebenchCorePct,
        long otherTicks,
        long stealTicks,
        long selfTicks,
        long edgebenchTicks,
        Map<Integer, FreqRange> freqKhz,
        Long throttleBits) {

    /** /proc/stat and /proc/PID/stat count ticks of USER_HZ, 100 on every Linux architecture (the ABI fixes it). */
    public static final int USER_HZ = 100;

    /**
     * Default threshold: others may use at most 10 % of one core during the timed window beyond what the cores the
     * lane does not use can absorb.
     */
    public static final double DEFAULT_MAX_OTHER_CORE_PCT = 10;
    /** Below this many ticks (30 ms of CPU) the tick counters cannot tell noise from rounding. */
    static final long MIN_TICKS = 3;

    public Interference {
        freqKhz = Map.copyOf(freqKhz);
    }

    /**
     * The lowest and highest frequency of one CPU over the window(s), in kHz, and in how many of the windows it was
     * read it moved. Movement is judged per window: two rounds at different but steady frequencies did not move.
     * Without {@code windows} (0: one window, or a result written before they were counted) the range is one window.
     */
    public record FreqRange(long minKhz, long maxKhz, int windows, int movedWindows) {
        public FreqRange {
            if (windows == 0) {
                windows = 1;
                movedWindows = moved(minKhz, maxKhz) ? 1 : 0;
            }
        }

        /** One window's range. */
        public FreqRange(long minKhz, long maxKhz) {
            this(minKhz, maxKhz, 0, 0);
        }

        private static boolean moved(long minKhz, long maxKhz) {
            return maxKhz - minKhz > maxKhz / 100; // more than 1 %: a governor step, not a rounding of the driver
        }

        /** Both windows: the range over them, the windows and moves added up. */
        FreqRange plus(FreqRange o) {
            return new FreqRange(
                    Math.min(minKhz, o.minKhz),
                    Math.max(maxKhz, o.maxKhz),
                    windows + o.windows,
                    movedWindows + o.movedWindows);
        }
    }

    public static Interference between(CpuSnapshot start, CpuSnapshot end) {
        double windowS = (end.nanoTime() - start.nanoTime()) / 1e9;
        long self = end.selfTicks() - start.selfTicks();
        long edgebench = Math.max(0, end.edgebenchTicks() - start.edgebenchTicks());
        // tick accounting (/proc/stat) and runtime-scaled process times differ by a tick or so: never below 0
        long other = Math.max(0, end.busyTicks() - start.busyTicks() - self - edgebench);
        long steal = Math.max(0, end.stealTicks() - start.stealTicks());
        Map<Integer, FreqRange> freq = new TreeMap<>();
        for (var e : start.freqKhz().entrySet()) {
            Long last = end.freqKhz().get(e.getKey());
            long a = e.getValue();
            long b = last == null ? a : last;
            freq.put(e.getKey(), new FreqRange(Math.min(a, b), Math.max(a, b)));
        }
        // what the window's watcher read between the edges: a step down and back up is a move too
        end.freqSeenKhz()
                .forEach((cpu, r) -> freq.merge(
                        cpu, r, (x, y) -> new FreqRange(Math.min(x.minKhz, y.minKhz), Math.max(x.maxKhz, y.maxKhz))));
        return of(windowS, other, steal, self, edgebench, freq, end.throttleBitsSeen());
    }

    private static Interference of(
            double windowS,
            long other,
            long steal,
            long self,
            long edgebench,
            Map<Integer, FreqRange> freq,
            Long throttleBits) {
        return new Interference(
                windowS,
                pct(other, windowS),
                pct(steal, windowS),
                pct(self, windowS),
                pct(edgebench, windowS),
                other,
                steal,
                self,
                edgebench,
                freq,
                throttleBits);
    }

    private static double pct(long ticks, double windowS) {
        return windowS <= 0 ? 0 : ticks / (double) USER_HZ / windowS * 100;
    }

    /** This window and another one, as one longer window. */
    public Interference plus(Interference o) {
        Map<Integer, FreqRange> freq = new TreeMap<>(freqKhz);
        o.freqKhz.forEach((cpu, r) -> freq.merge(cpu, r, FreqRange::plus));
        return of(
                windowS + o.windowS,
                otherTicks + o.otherTicks,
                stealTicks + o.stealTicks,
                selfTicks + o.selfTicks,
                edgebenchTicks + o.edgebenchTicks,
                freq,
                or(throttleBits, o.throttleBits));
    }

    /** Why the window was noisy, with the figures, for a lane that leaves no core free. */
    public List<String> reasons(double maxOtherCorePct) {
        return reasons(maxOtherCorePct, 0);
    }

    /**
     * Why the window was noisy, with the figures; empty when it was quiet enough. Other processes on the cores the
     * lane does not use ({@code freeCores}: allowed CPUs minus the lane's threads) do not compete with it: only their
     * CPU time beyond those cores' capacity counts against the threshold.
     */
    public List<String> reasons(double maxOtherCorePct, int freeCores) {
        List<String> out = new ArrayList<>();
        double spill = otherCorePct - 100.0 * Math.max(0, freeCores);
        if (otherTicks >= MIN_TICKS && spill > maxOtherCorePct) {
            out.add(
                    freeCores <= 0
                            ? String.format(
                                    Locale.ROOT,
                                    "noisy: other processes used %.0f %% of a core during the timed"
                                            + " window (%.2f s; threshold %s %%)",
                                    otherCorePct,
                                    windowS,
                                    num(maxOtherCorePct))
                            : String.format(
                                    Locale.ROOT,
                                    "noisy: other processes used %.0f %% of a core during the timed"
                                            + " window (%.2f s), %.0f %% more than the %d core(s) the lane does not use (threshold"
                                            + " %s %%)",
                                    otherCorePct,
                                    windowS,
                                    spill,
                                    freeCores,
                                    num(maxOtherCorePct)));
        }
        if (stealTicks >= MIN_TICKS && stealCorePct > maxOtherCorePct) {
            out.add(String.format(
                    Locale.ROOT,
                    "noisy: the hypervisor stole %.0f %% of a core during the timed window" + " (threshold %s %%)",
                    stealCorePct,
                    num(maxOtherCorePct)));
        }
        if (throttleBits != null && throttleBits != 0) {
            out.add(String.format(
                    Locale.ROOT,
                    "noisy: the firmware reported %s during the timed window" + " (get_throttled 0x%x)",
                    throttleNames(throttleBits),
                    throttleBits));
        }
        freqKhz.forEach((cpu, r) -> {
            if (r.movedWindows > 0 && r.windows == 1) {
                out.add(String.format(
                        Locale.ROOT,
                        "noisy: cpu%d frequency moved between %d and %d MHz during the" + " timed window",
                        cpu,
                        r.minKhz / 1000,
                        r.maxKhz / 1000));
            } else if (r.movedWindows > 0) {
                out.add(String.format(
                        Locale.ROOT,
                        "noisy: cpu%d frequency moved during %d of %d rounds of the timed window (%d to %d MHz over"
                                + " all rounds)",
                        cpu,
                        r.movedWindows,
                        r.windows,
                        r.minKhz / 1000,
                        r.maxKhz / 1000));
            }
        });
        return out;
    }

    /** Flags of two windows together; null only when neither had any. */
    private static Long or(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a | b;
    }

    /** The current-condition bits of get_throttled, named (telemetry.rpi.ThrottleFlags names the sticky ones too). */
    private static String throttleNames(long bits) {
        String[] names = {"under-voltage", "arm frequency capped", "throttling", "soft temperature limit"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((bits & (1L << i)) != 0) {
                out.add(names[i]);
            }
        }
        return String.join(", ", out);
    }

    /** Cores the lane leaves free: CPUs it may use minus its threads (at least 0). */
    public static int freeCores(CpuPlacement placement, int threads) {
        int cpus = placement != null && !placement.cores().isEmpty()
                ? placement.cores().size()
                : Runtime.getRuntime().availableProcessors();
        return Math.max(0, cpus - threads);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

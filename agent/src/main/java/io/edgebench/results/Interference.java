package io.edgebench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What else happened on the machine during the timed window(s): the CPU time every other process used (all
 * busy time in /proc/stat minus the worker's own utime + stime), the steal time, and the CPU frequency range of
 * the CPUs the worker may use. Windows add up (interleaved rounds are one timed window in several pieces).
 *
 * @param windowS total length of the timed windows
 * @param otherCorePct other processes' CPU time as a percentage of one core over the window (100 = one core busy)
 * @param stealCorePct steal time, same unit
 * @param selfCorePct the worker's own CPU time (all its threads), same unit
 * @param freqKhz per CPU, the lowest and highest scaling_cur_freq seen at the window edges; empty without cpufreq
 */
public record Interference(double windowS, double otherCorePct, double stealCorePct, double selfCorePct,
        long otherTicks, long stealTicks, long selfTicks, Map<Integer, FreqRange> freqKhz) {

    /** /proc/stat and /proc/PID/stat count ticks of USER_HZ, 100 on every Linux architecture (the ABI fixes it). */
    public static final int USER_HZ = 100;

    /** Default threshold: others may use at most 10 % of one core during the timed window. */
    public static final double DEFAULT_MAX_OTHER_CORE_PCT = 10;
    /** Below this many ticks (30 ms of CPU) the tick counters cannot tell noise from rounding. */
    static final long MIN_TICKS = 3;

    public Interference {
        freqKhz = Map.copyOf(freqKhz);
    }

    /** The lowest and highest frequency of one CPU over the window(s), in kHz. */
    public record FreqRange(long minKhz, long maxKhz) {
        boolean moved() {
            return maxKhz - minKhz > maxKhz / 100; // more than 1 %: a governor step, not a rounding of the driver
        }
    }

    public static Interference between(CpuSnapshot start, CpuSnapshot end) {
        double windowS = (end.nanoTime() - start.nanoTime()) / 1e9;
        long self = end.selfTicks() - start.selfTicks();
        // tick accounting (/proc/stat) and runtime-scaled process times differ by a tick or so: never below 0
        long other = Math.max(0, end.busyTicks() - start.busyTicks() - self);
        long steal = Math.max(0, end.stealTicks() - start.stealTicks());
        Map<Integer, FreqRange> freq = new TreeMap<>();
        for (var e : start.freqKhz().entrySet()) {
            Long last = end.freqKhz().get(e.getKey());
            long a = e.getValue();
            long b = last == null ? a : last;
            freq.put(e.getKey(), new FreqRange(Math.min(a, b), Math.max(a, b)));
        }
        return of(windowS, other, steal, self, freq);
    }

    private static Interference of(double windowS, long other, long steal, long self, Map<Integer, FreqRange> freq) {
        return new Interference(windowS, pct(other, windowS), pct(steal, windowS), pct(self, windowS), other, steal,
                self, freq);
    }

    private static double pct(long ticks, double windowS) {
        return windowS <= 0 ? 0 : ticks / (double) USER_HZ / windowS * 100;
    }

    /** This window and another one, as one longer window. */
    public Interference plus(Interference o) {
        Map<Integer, FreqRange> freq = new TreeMap<>(freqKhz);
        o.freqKhz.forEach((cpu, r) -> freq.merge(cpu, r, (x, y) -> new FreqRange(Math.min(x.minKhz, y.minKhz),
                Math.max(x.maxKhz, y.maxKhz))));
        return of(windowS + o.windowS, otherTicks + o.otherTicks, stealTicks + o.stealTicks, selfTicks + o.selfTicks,
                freq);
    }

    /** Why the window was noisy, with the figures; empty when it was quiet enough. */
    public List<String> reasons(double maxOtherCorePct) {
        List<String> out = new ArrayList<>();
        if (otherTicks >= MIN_TICKS && otherCorePct > maxOtherCorePct) {
            out.add(String.format(Locale.ROOT, "noisy: other processes used %.0f %% of a core during the timed window"
                    + " (%.2f s; threshold %s %%)", otherCorePct, windowS, num(maxOtherCorePct)));
        }
        if (stealTicks >= MIN_TICKS && stealCorePct > maxOtherCorePct) {
            out.add(String.format(Locale.ROOT, "noisy: the hypervisor stole %.0f %% of a core during the timed window"
                    + " (threshold %s %%)", stealCorePct, num(maxOtherCorePct)));
        }
        freqKhz.forEach((cpu, r) -> {
            if (r.moved()) {
                out.add(String.format(Locale.ROOT, "noisy: cpu%d frequency moved between %d and %d MHz during the"
                        + " timed window", cpu, r.minKhz / 1000, r.maxKhz / 1000));
            }
        });
        return out;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

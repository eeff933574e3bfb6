package io.edgebench.results;

import java.util.Map;

/**
 * The CPU accounting of the whole machine and of one process at one instant.
 *
 * @param busyTicks /proc/stat "cpu" user + nice + system + irq + softirq (guest time is already inside user)
 * @param stealTicks /proc/stat "cpu" steal: time the hypervisor gave our vCPUs to someone else
 * @param selfTicks the measured process (all its threads) and its live descendants, each utime + stime + cutime +
 *     cstime of /proc/PID/stat (so children they reaped count too)
 * @param edgebenchTicks edgebench's own other processes, counted the same way: the measured process's parent (the
 *     CLI or the daemon: sampler, progress handling) and every live descendant of it outside the measured process's
 *     subtree (other lanes' workers, vcgencmd); 0 when the parent is init (no edgebench parent)
 * @param freqKhz scaling_cur_freq of each CPU the process may run on (empty where cpufreq is absent, e.g. VMs)
 * @param freqSeenKhz the lowest and highest scaling_cur_freq read during the window that ends at this snapshot
 *     (interference.FreqWatch); empty at a window's start or without cpufreq
 * @param throttleBitsSeen a Raspberry Pi firmware's current throttling flags (get_throttled bits 0-3) read during
 *     that window, OR-ed; null at a window's start or without the attribute
 */
public record CpuSnapshot(
        long nanoTime,
        long busyTicks,
        long stealTicks,
        long selfTicks,
        long edgebenchTicks,
        Map<Integer, Long> freqKhz,
        Map<Integer, Interference.FreqRange> freqSeenKhz,
        Long throttleBitsSeen) {
    public CpuSnapshot {
        freqKhz = Map.copyOf(freqKhz);
        freqSeenKhz = Map.copyOf(freqSeenKhz);
    }

    /** This snapshot with the frequencies and throttle flags seen during the window it ends. */
    public CpuSnapshot withSeen(Map<Integer, Interference.FreqRange> freqSeen, Long throttleBits) {
        return new CpuSnapshot(
                nanoTime, busyTicks, stealTicks, selfTicks, edgebenchTicks, freqKhz, freqSeen, throttleBits);
    }
}

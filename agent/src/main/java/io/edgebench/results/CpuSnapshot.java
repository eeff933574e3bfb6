package io.edgebench.results;

import java.util.Map;

/**
 * The CPU accounting of the whole machine and of one process at one instant.
 *
 * @param busyTicks /proc/stat "cpu" user + nice + system + irq + softirq (guest time is already inside user)
 * @param stealTicks /proc/stat "cpu" steal: time the hypervisor gave our vCPUs to someone else
 * @param selfTicks /proc/PID/stat utime + stime of the measured process, all its threads
 * @param freqKhz scaling_cur_freq of each CPU the process may run on (empty where cpufreq is absent, e.g. VMs)
 */
public record CpuSnapshot(long nanoTime, long busyTicks, long stealTicks, long selfTicks, Map<Integer, Long> freqKhz) {
    public CpuSnapshot {
        freqKhz = Map.copyOf(freqKhz);
    }
}

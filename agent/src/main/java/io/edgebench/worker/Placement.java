package io.edgebench.worker;

import io.edgebench.cpu.CpuAffinity;
import io.edgebench.cpu.CpuList;
import io.edgebench.cpu.CpuTopology;
import io.edgebench.interference.FreqWatch;
import io.edgebench.interference.ProcReader;
import io.edgebench.results.CoreInfo;
import io.edgebench.results.CpuPlacement;
import io.edgebench.results.CpuSnapshot;
import java.io.IOException;
import java.util.List;

/**
 * The worker's own CPU facts: pins itself (--cpus) before any runtime starts a thread, reads back where the kernel
 * lets it run, and provides the interference probe for the timed window.
 */
final class Placement {
    private Placement() {}

    /** Pins this process when {@code cpus} is non-empty; returns where it may run now, with the core kinds. */
    static CpuPlacement apply(List<Integer> cpus) {
        long self = ProcessHandle.current().pid();
        ProcReader proc = ProcReader.host();
        try {
            if (!cpus.isEmpty()) {
                CpuAffinity.pinProcess(cpus, proc.allowedCpus(self));
            }
            // every thread's mask, so a thread that escaped pinning shows as a wider list than requested
            List<Integer> allowed = proc.allowedCpusOfAllThreads(self);
            return new CpuPlacement(cpus, CpuList.format(allowed), cores(allowed));
        } catch (IOException e) {
            // No /proc (not Linux): placement unknown; pinning already threw if it was asked for.
            return new CpuPlacement(cpus, null, List.of());
        }
    }

    /** What the cores are; an unreadable or odd sysfs costs the description, never the benchmark. */
    private static List<CoreInfo> cores(List<Integer> allowed) {
        try {
            return CpuTopology.host().describe(allowed);
        } catch (IOException | RuntimeException e) {
            System.err.println("edgebench worker: cannot describe cpus " + allowed + ": " + e);
            return List.of();
        }
    }

    /**
     * Snapshots of the machine and this process; null (no data) where /proc cannot be read. Snapshots come in pairs
     * around each timed window: the first arms the worker's one {@link FreqWatch} (opened here, outside any window),
     * the second collects what it saw.
     */
    static Measurement.Probe probe() {
        long self = ProcessHandle.current().pid();
        ProcReader proc = ProcReader.host();
        FreqWatch watch = openWatch(proc, self);
        return new Measurement.Probe() {
            private boolean inWindow;

            @Override
            public CpuSnapshot snapshot() {
                boolean ending = inWindow;
                inWindow = !inWindow;
                try {
                    if (ending) {
                        FreqWatch.Seen seen = watch == null ? FreqWatch.Seen.NOTHING : watch.collect();
                        return proc.snapshot(self).withSeen(seen.freqKhz(), seen.throttleBits());
                    }
                    CpuSnapshot start = proc.snapshot(self);
                    if (watch != null) {
                        watch.arm();
                    }
                    return start;
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }
        };
    }

    /** The watcher for the CPUs this process may use (after pinning); null without /proc (not Linux). */
    private static FreqWatch openWatch(ProcReader proc, long self) {
        try {
            return proc.watch(self);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

package io.edgebench.protocol;

import java.util.List;

/**
 * Where the worker ran: the CPUs asked for (--cpus; empty when not pinned), the CPUs the kernel let it use
 * (Cpus_allowed_list of the worker, read after pinning), and what those cores are.
 */
public record CpuPlacement(List<Integer> requested, String allowed, List<CoreInfo> cores) {
    public CpuPlacement {
        requested = List.copyOf(requested);
        cores = List.copyOf(cores);
    }
}

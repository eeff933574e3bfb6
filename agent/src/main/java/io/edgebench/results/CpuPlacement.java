package io.edgebench.results;

import java.util.List;

/**
 * Where the worker ran: the CPUs asked for (--cpus; empty when not pinned), the CPUs the kernel let it use
 * (the union of Cpus_allowed_list over all the worker's threads, read after pinning), and what those cores are.
 */
public record CpuPlacement(List<Integer> requested, String allowed, List<CoreInfo> cores) {
    public CpuPlacement {
        requested = List.copyOf(requested);
        cores = List.copyOf(cores);
    }
}

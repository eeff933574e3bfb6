package io.edgebench.results;

/**
 * Under what conditions the timed window ran, and what the measurement options produced: the other processes'
 * CPU time, steal and frequency moves ({@code interference}, null where /proc is unreadable), the fixed-rate
 * outcome ({@code rate}, with --rate), the --until-ci outcome, the CPUs the worker ran on, and the runtime's
 * threading and spinning settings ({@code runtimeSettings}; null in results written before they were recorded).
 */
public record RunConditions(
        Interference interference,
        RateOutcome rate,
        UntilCi untilCi,
        CpuPlacement cpus,
        RuntimeSettings runtimeSettings) {}

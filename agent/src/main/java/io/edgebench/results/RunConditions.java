package io.edgebench.results;

import io.edgebench.results.CpuPlacement;
import io.edgebench.results.Interference;

/**
 * Under what conditions the timed window ran, and what the measurement options produced: the other processes'
 * CPU time, steal and frequency moves ({@code interference}, null where /proc is unreadable), the fixed-rate
 * outcome ({@code rate}, with --rate), the --until-ci outcome, and the CPUs the worker ran on.
 */
public record RunConditions(Interference interference, RateOutcome rate, UntilCi untilCi, CpuPlacement cpus) {}

package io.edgebench.results;

/**
 * The outcome of --until-ci: the target half-width of the p50's 95 % CI (percent of the p50), the half-width at
 * the end, and whether the target was reached before max_seconds (or the run cap).
 */
public record UntilCi(double targetPct, Double achievedPct, boolean reached) {}

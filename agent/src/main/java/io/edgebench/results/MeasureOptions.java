package io.edgebench.results;

import java.util.List;

/**
 * How the timed window is run and judged, beyond counts and seconds: one group inside {@link BenchParams} so the
 * CLI, the worker protocol and MQTT carry the same fields.
 *
 * @param untilCiPct keep timing (after runs and min_seconds) until the p50's 95 % CI half-width is within this
 *     percentage of the p50, or max_seconds; null: off
 * @param rateHz fixed-rate arrivals instead of back-to-back runs; latency counts from the scheduled arrival, so
 *     queueing shows; null: as fast as possible
 * @param poisson with rateHz: exponential gaps of mean 1/rate (MLPerf Server) instead of a fixed period
 * @param cpus pin the worker to these CPUs (sched_setaffinity on every thread of the worker); empty: no pinning
 * @param maxOtherCorePct the run is invalid when other processes used more than this percentage of one core (or
 *     as much steal time) during the timed window
 * @param verdict compare's processes, equivalence margin and --until-decided (bench ignores it)
 */
public record MeasureOptions(
        Double untilCiPct,
        Double rateHz,
        boolean poisson,
        List<Integer> cpus,
        double maxOtherCorePct,
        VerdictOptions verdict) {

    /** The kernel's default CONFIG_NR_CPUS bound for the CPU lists here (cpu_set_t holds 1024). */
    public static final int MAX_CPU = 1023;

    public MeasureOptions {
        cpus = cpus == null ? List.of() : List.copyOf(cpus);
        verdict = verdict == null ? VerdictOptions.defaults() : verdict;
        if (untilCiPct != null && !(untilCiPct >= 0.1 && untilCiPct <= 50)) {
            throw new IllegalArgumentException(
                    "until_ci_pct [" + untilCiPct + "] must be 0.1..50 (percent of the" + " p50), e.g. 1");
        }
        if (rateHz != null && !(rateHz >= 0.1 && rateHz <= 100_000)) {
            throw new IllegalArgumentException("rate_hz [" + rateHz + "] must be 0.1..100000 arrivals per second");
        }
        if (untilCiPct != null && rateHz != null) {
            throw new IllegalArgumentException("until_ci_pct [" + untilCiPct + "] applies to back-to-back runs, not to"
                    + " rate_hz [" + rateHz + "] arrivals, whose length runs and min_seconds set; use one of them");
        }
        if (poisson && rateHz == null) {
            throw new IllegalArgumentException(
                    "poisson needs rate_hz: Poisson arrivals have a mean rate, e.g." + " --rate 100 --poisson");
        }
        for (int c : cpus) {
            if (c < 0 || c > MAX_CPU) {
                throw new IllegalArgumentException("cpus item [" + c + "] must be 0.." + MAX_CPU);
            }
        }
        if (!(maxOtherCorePct >= 0 && maxOtherCorePct <= 100_000)) {
            throw new IllegalArgumentException("max_other_core_pct [" + maxOtherCorePct + "] must be 0..100000"
                    + " (percent of one core), e.g. 10");
        }
    }

    public static MeasureOptions defaults() {
        return new MeasureOptions(
                null, null, false, List.of(), Interference.DEFAULT_MAX_OTHER_CORE_PCT, VerdictOptions.defaults());
    }

    /**
     * No interference verdict: for tests about something else (telemetry, cooldown) that must not depend on how
     * busy the build machine is. The figures are still measured and reported.
     */
    public static MeasureOptions ignoringInterference() {
        return new MeasureOptions(null, null, false, List.of(), 100_000, VerdictOptions.defaults());
    }

    public MeasureOptions withCpus(List<Integer> list) {
        return new MeasureOptions(untilCiPct, rateHz, poisson, list, maxOtherCorePct, verdict);
    }

    public MeasureOptions withVerdict(VerdictOptions v) {
        return new MeasureOptions(untilCiPct, rateHz, poisson, cpus, maxOtherCorePct, v);
    }
}

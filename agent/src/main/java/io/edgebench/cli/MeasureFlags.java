package io.edgebench.cli;

import io.edgebench.results.MeasureOptions;
import io.edgebench.cpu.CpuList;
import io.edgebench.results.Interference;
import java.util.List;
import picocli.CommandLine.Option;

/** The measurement options shared by bench and compare (picocli mixin); MeasureOptions validates them. */
public final class MeasureFlags {
    @Option(names = "--until-ci", paramLabel = "PCT",
            description = "After --runs and --min-seconds, keep timing until the p50's 95 %% CI half-width is within"
                    + " PCT %% of the p50 (or --max-seconds); the result says whether it was reached.")
    Double untilCiPct;

    @Option(names = "--rate", paramLabel = "HZ",
            description = "Fixed-rate arrivals instead of back-to-back runs; latency counts from the scheduled "
                    + "arrival (queueing shows), missed deadlines are counted. Bench only.")
    Double rateHz;

    @Option(names = "--poisson", description = "With --rate: Poisson arrivals (exponential gaps, seeded by --seed).")
    boolean poisson;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "Pin the worker to these CPUs (sched_setaffinity), e.g. 0-1 or 2,3.")
    String cpus;

    @Option(names = "--max-other-core-pct", paramLabel = "PCT",
            description = "Mark the run invalid when other processes used more than PCT %% of one core during the "
                    + "timed window (or steal was as high, or the CPU frequency moved). Default: 10.")
    Double maxOtherCorePct;

    MeasureOptions options() {
        List<Integer> list = cpus == null ? List.of() : CpuList.parse(cpus);
        if (cpus != null && list.isEmpty()) {
            throw new IllegalArgumentException("--cpus [" + cpus + "] lists no CPU; e.g. --cpus 0-1");
        }
        return new MeasureOptions(untilCiPct, rateHz, poisson, list,
                maxOtherCorePct == null ? Interference.DEFAULT_MAX_OTHER_CORE_PCT : maxOtherCorePct);
    }
}

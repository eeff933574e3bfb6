package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.DependentQuantile;
import io.edgebench.stats.Resolution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency statistics in microseconds over the timed runs.
 *
 * <p>Exact, from the sorted samples, rather than HdrHistogram: a run holds at most {@link BenchParams#MAX_RUNS}
 * samples (800 KB as long[]), sorting 100k longs takes a few milliseconds outside the timed loop, and exact order
 * statistics need no precision trade-off (HdrHistogram buckets to a chosen number of significant digits, which
 * blurs p99.9 on sub-millisecond models). Percentiles use the nearest-rank definition: the smallest sample with at
 * least p% of the samples at or below it, the value benchmark_model and most load tools report.
 *
 * <p>Tail percentiles follow {@link Resolution}: with fewer than 10 samples beyond it a percentile is null (written
 * as an explicit JSON null) and
 * {@code unresolved} says how many runs it would need. p50 and p90 carry distribution-free 95 % intervals, widened
 * when consecutive runs are correlated ({@link DependentQuantile}: {@code nanos} must be in the order the runs
 * ran); null when too few samples exist for one.
 */
public record LatencyStats(
        double min,
        double max,
        double mean,
        double std,
        double p50,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double p90,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double p95,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double p99,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double p999,
        ConfidenceInterval p50Ci,
        ConfidenceInterval p90Ci,
        List<Unresolved> unresolved) {

    public static final double LEVEL = 0.95;

    public LatencyStats {
        unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
    }

    /** Without intervals: for results that were summarised elsewhere. */
    public LatencyStats(
            double min,
            double max,
            double mean,
            double std,
            double p50,
            double p90,
            double p95,
            double p99,
            double p999) {
        this(min, max, mean, std, p50, p90, p95, p99, p999, null, null, List.of());
    }

    /**
     * A tail percentile left out by the resolution rule.
     *
     * @param percentile e.g. "p999"
     * @param samplesBeyond samples above its rank in this run
     * @param neededRuns the fewest runs that would resolve it
     */
    public record Unresolved(String percentile, long samplesBeyond, long neededRuns) {}

    /** Summarises the first {@code count} entries of {@code nanos} (left unchanged); count must be >= 1. */
    public static LatencyStats ofNanos(long[] nanos, int count) {
        if (count < 1 || count > nanos.length) {
            throw new IllegalArgumentException("count [" + count + "] must be 1.." + nanos.length);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        double mean = sum / count;
        double squares = 0;
        for (long v : sorted) {
            double d = v - mean;
            squares += d * d;
        }
        // Sample standard deviation (n - 1): the runs are a sample of the model's latency distribution.
        double std = count > 1 ? Math.sqrt(squares / (count - 1)) : 0;
        List<Unresolved> unresolved = new ArrayList<>();
        return new LatencyStats(
                us(sorted[0]),
                us(sorted[count - 1]),
                mean / 1e3,
                std / 1e3,
                us(rank(sorted, 50)),
                tail(sorted, 90, "p90", unresolved),
                tail(sorted, 95, "p95", unresolved),
                tail(sorted, 99, "p99", unresolved),
                tail(sorted, 99.9, "p999", unresolved),
                DependentQuantile.quantileUs(nanos, sorted, count, 0.5, LEVEL),
                DependentQuantile.quantileUs(nanos, sorted, count, 0.9, LEVEL),
                unresolved);
    }

    private static Double tail(long[] sorted, double percent, String name, List<Unresolved> unresolved) {
        if (Resolution.resolves(sorted.length, percent)) {
            return us(rank(sorted, percent));
        }
        unresolved.add(new Unresolved(name, Resolution.beyond(sorted.length, percent), Resolution.neededRuns(percent)));
        return null;
    }

    /** Nearest-rank percentile of sorted samples. */
    static long rank(long[] sorted, double percent) {
        return sorted[(int) Resolution.rank(sorted.length, percent) - 1];
    }

    /** Nearest-rank percentile of sorted nanosecond samples, in microseconds. */
    public static double rankUs(long[] sorted, double percent) {
        return us(rank(sorted, percent));
    }

    private static double us(long nanos) {
        return nanos / 1e3;
    }
}

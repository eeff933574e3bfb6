package io.edgebench.protocol;

import java.util.Arrays;

/**
 * Latency statistics in microseconds over the timed runs.
 *
 * <p>Exact, from the sorted samples, rather than HdrHistogram: a run holds at most {@link BenchParams#MAX_RUNS}
 * samples (800 KB as long[]), sorting 100k longs takes a few milliseconds outside the timed loop, and exact order
 * statistics need no precision trade-off (HdrHistogram buckets to a chosen number of significant digits, which
 * blurs p99.9 on sub-millisecond models). Percentiles use the nearest-rank definition: the smallest sample with at
 * least p% of the samples at or below it, the value benchmark_model and most load tools report.
 */
public record LatencyStats(double min, double max, double mean, double std, double p50, double p90, double p95,
        double p99, double p999) {

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
        return new LatencyStats(us(sorted[0]), us(sorted[count - 1]), mean / 1e3, std / 1e3,
                us(rank(sorted, 50)), us(rank(sorted, 90)), us(rank(sorted, 95)), us(rank(sorted, 99)),
                us(rank(sorted, 99.9)));
    }

    /** Nearest-rank percentile of sorted samples. */
    static long rank(long[] sorted, double percent) {
        // The epsilon keeps 99.9% of 1000 at rank 999: 99.9 / 100 * 1000 is 999.0000000000001 in doubles.
        int index = (int) Math.ceil(percent / 100.0 * sorted.length - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double us(long nanos) {
        return nanos / 1e3;
    }
}

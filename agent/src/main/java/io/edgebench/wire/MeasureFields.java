package io.edgebench.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import io.edgebench.results.MeasureOptions;

/**
 * The request fields of {@link MeasureOptions} (bench and compare) and compare's thread sweep: the same names as
 * the JSON of BenchParams.measure, flat in the request.
 */
final class MeasureFields {
    static final List<String> BENCH = List.of("until_ci_pct", "rate_hz", "poisson", "cpus", "max_other_core_pct");
    static final List<String> COMPARE = List.of("until_ci_pct", "cpus", "max_other_core_pct");
    static final int MAX_THREAD_SWEEP = 8;

    private MeasureFields() {}

    static MeasureOptions of(RequestFields f) throws CommandRejectedException {
        MeasureOptions d = MeasureOptions.defaults();
        try {
            return new MeasureOptions(
                    f.has("until_ci_pct") ? (Double) f.number("until_ci_pct", 0.1, 50, 0) : null,
                    f.has("rate_hz") ? (Double) f.number("rate_hz", 0.1, 100_000, 0) : null,
                    f.bool("poisson", false),
                    ints(f, "cpus", 0, MeasureOptions.MAX_CPU, 256),
                    f.number("max_other_core_pct", 0, 100_000, d.maxOtherCorePct()));
        } catch (IllegalArgumentException e) {
            throw f.reject(e.getMessage());
        }
    }

    /** compare's "threads": one integer, or an array of 1..8 of them (a sweep). Empty when absent. */
    static List<Integer> threads(RequestFields f) throws CommandRejectedException {
        JsonNode v = f.raw("threads");
        if (v == null || v.isNull() || !v.isArray()) {
            return List.of(); // a single integer is read (and checked) with the other bench fields
        }
        return ints(f, "threads", 1, 256, MAX_THREAD_SWEEP);
    }

    private static List<Integer> ints(RequestFields f, String field, int min, int max, int maxCount)
            throws CommandRejectedException {
        JsonNode v = f.raw(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        String expected = "field \"" + field + "\" must be an array of 1.." + maxCount + " integers " + min + ".." + max;
        if (!v.isArray() || v.isEmpty() || v.size() > maxCount) {
            throw f.reject(expected + ", got [" + RequestFields.truncate(v.toString()) + "]");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isIntegralNumber() || item.asLong() < min || item.asLong() > max) {
                throw f.reject(expected + ", got [" + RequestFields.truncate(v.toString()) + "]");
            }
            out.add(item.asInt());
        }
        return out;
    }
}

package io.edgebench.bench;

import io.edgebench.results.LatencyStats;
import io.edgebench.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal lines under the latency table: the p50/p90 intervals and the percentiles left unresolved. */
public final class LatencyText {
    private LatencyText() {}

    /** {@code runs}: the timed runs the stats summarise, null when unknown. */
    public static List<String> intervals(LatencyStats l, Long runs) {
        List<String> out = new ArrayList<>();
        out.add(ci("p50", l.p50(), l.p50Ci()));
        if (l.p90() != null) {
            out.add(ci("p90", l.p90(), l.p90Ci()));
        }
        for (LatencyStats.Unresolved u : l.unresolved()) {
            out.add(String.format(
                    Locale.ROOT,
                    "%-12s %s not resolved: %d runs beyond it; needs %d runs so that 10 lie beyond it%s",
                    "",
                    u.percentile(),
                    u.samplesBeyond(),
                    u.neededRuns(),
                    runs == null ? "" : " (got " + runs + ")"));
        }
        return out;
    }

    private static String ci(String name, double valueUs, ConfidenceInterval ci) {
        if (ci == null) {
            return String.format(Locale.ROOT, "%-12s %s %s ms (too few runs for a 95 %% CI)", "", name, ms(valueUs));
        }
        return String.format(
                Locale.ROOT,
                "%-12s %s %s ms, 95 %% CI %s-%s ms (%s)",
                "",
                name,
                ms(valueUs),
                ms(ci.low()),
                ms(ci.high()),
                ci.method());
    }

    /** Microseconds as milliseconds with about four significant digits (8 us is 0.00800, not 0.008). */
    public static String ms(double us) {
        double v = us / 1e3;
        String f = v >= 100 ? "%.1f" : v >= 10 ? "%.2f" : v >= 1 ? "%.3f" : v >= 0.1 ? "%.4f" : "%.5f";
        return String.format(Locale.ROOT, f, v);
    }
}

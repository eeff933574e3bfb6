package io.edgebench.bench;

import io.edgebench.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal lines under the latency table: the p50/p90 intervals and the percentiles left unresolved. */
public final class LatencyText {
    private LatencyText() {}

    public static List<String> intervals(LatencyStats l) {
        List<String> out = new ArrayList<>();
        out.add(ci("p50", l.p50(), l.p50Ci()));
        if (l.p90() != null) {
            out.add(ci("p90", l.p90(), l.p90Ci()));
        }
        for (LatencyStats.Unresolved u : l.unresolved()) {
            out.add(String.format(Locale.ROOT, "%-12s %s not resolved: %d samples beyond it, needs %d runs for 10",
                    "", u.percentile(), u.samplesBeyond(), u.neededRuns()));
        }
        return out;
    }

    private static String ci(String name, double valueUs, ConfidenceInterval ci) {
        if (ci == null) {
            return String.format(Locale.ROOT, "%-12s %s %.3f ms (too few runs for a 95 %% CI)", "", name, valueUs / 1e3);
        }
        return String.format(Locale.ROOT, "%-12s %s %.3f ms, 95 %% CI %.3f-%.3f ms (%s)", "", name, valueUs / 1e3,
                ci.low() / 1e3, ci.high() / 1e3, ci.method());
    }
}

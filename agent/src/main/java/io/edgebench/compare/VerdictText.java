package io.edgebench.compare;

import io.edgebench.results.PairVerdict;
import io.edgebench.results.SweepVerdict;
import io.edgebench.results.CompareReport;

import io.edgebench.results.BenchResult;
import io.edgebench.bench.ConditionsText;
import io.edgebench.bench.LatencyText;
import java.util.List;
import java.util.Locale;

/** The end of compare's table: per-lane intervals and conditions, the rounds, one verdict line per pair, the sweep. */
final class VerdictText {
    private VerdictText() {}

    /** A verdict between lanes that were not measured cleanly says so on its own line. */
    private static String caution(List<BenchResult> rs, PairVerdict v) {
        StringBuilder c = new StringBuilder();
        for (int i : new int[] {v.a(), v.b()}) {
            if (!rs.get(i).valid()) {
                c.append(c.length() == 0 ? " (caution: " : ", ").append("[").append(i + 1).append("] invalid");
            }
        }
        return c.length() == 0 ? "" : c.append(")").toString();
    }

    static void append(StringBuilder b, CompareReport report) {
        String nl = System.lineSeparator();
        List<BenchResult> rs = report.results();
        b.append(nl);
        for (int i = 0; i < rs.size(); i++) {
            BenchResult r = rs.get(i);
            if (r.latencyUs() == null) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "[%d] %s%n", i + 1, report.lanes().get(i)));
            LatencyText.intervals(r.latencyUs()).forEach(t -> b.append(t).append(nl));
            ConditionsText.lines(r.conditions()).forEach(t -> b.append(t).append(nl));
            if (!r.valid()) {
                b.append(String.format(Locale.ROOT, "%-12s %s%n", "caution", String.join("; ", r.invalidReasons())));
            }
        }
        CompareReport.Rounds rounds = report.rounds();
        if (rounds != null) {
            b.append(String.format(Locale.ROOT, "%nInterleaved: %d rounds of %.2f s per lane, order shuffled per round"
                    + " (seed %d)%n", rounds.count(), rounds.roundSeconds(), rounds.seed()));
        }
        if (rounds != null) {
            b.append(String.format(Locale.ROOT, "Wall time %.2f s for %.2f s of warm-up and timed rounds (ratio %.2f)%n",
                    rounds.wallS(), rounds.measuredS(), rounds.wallRatio()));
        }
        if (!report.verdicts().isEmpty()) {
            b.append(nl).append("Verdict (p50 ratio, 95 % CI by percentile bootstrap over the raw samples, "
                    + "4000 resamples):").append(nl);
            for (PairVerdict v : report.verdicts()) {
                b.append(String.format(Locale.ROOT, "[%d] vs [%d]: %s%s%n", v.a() + 1, v.b() + 1, v.text(),
                        caution(rs, v)));
                if (v.energyText() != null) {
                    b.append(String.format(Locale.ROOT, "[%d] vs [%d]: %s%n", v.a() + 1, v.b() + 1, v.energyText()));
                }
            }
        }
        SweepVerdict s = report.sweep();
        if (s != null) {
            b.append(nl).append("Sweep over ").append(rs.size()).append(" lanes:").append(nl);
            s.text().forEach(t -> b.append("  ").append(t).append(nl));
        }
    }
}

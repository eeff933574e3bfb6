package io.edgebench.compare;

import io.edgebench.bench.ConditionsText;
import io.edgebench.bench.LatencyText;
import io.edgebench.results.BenchResult;
import io.edgebench.results.CompareReport;
import io.edgebench.results.PairVerdict;
import io.edgebench.results.RunConditions;
import io.edgebench.results.RuntimeSettings;
import io.edgebench.results.SweepVerdict;
import io.edgebench.stats.RatioEstimate;
import java.util.List;
import java.util.Locale;

/** The end of compare's table: per-lane intervals and conditions, the rounds, one verdict line per pair, the sweep. */
final class VerdictText {
    private VerdictText() {}

    /** A verdict between lanes that were not measured cleanly says so on its own line. */
    /** Every verdict's interval came from the rounds of a single worker process (--forks 1). */
    private static boolean oneProcess(CompareReport report) {
        return report.verdicts().stream()
                .allMatch(v -> v.speedup() != null && v.speedup().processes() == 1);
    }

    /** The level of the verdicts' intervals: 95 %, higher when --until-decided looked several times. */
    private static double level(CompareReport report) {
        return report.verdicts().stream()
                .filter(v -> v.speedup() != null)
                .mapToDouble(v -> v.speedup().level())
                .min()
                .orElse(RatioEstimate.LEVEL);
    }

    private static String levels(CompareReport report) {
        return Verdicts.levelPct(level(report)) + " % CI";
    }

    /** Under --until-decided: how the looks are paid for (docs/bench.md), so "95 %" is not claimed per look. */
    private static String sequential(CompareReport report) {
        double level = level(report);
        if (level >= RatioEstimate.LEVEL) {
            return "";
        }
        long looks = Math.round((1 - RatioEstimate.LEVEL) / (1 - level));
        return String.format(
                Locale.ROOT,
                " at %s %%; --until-decided may look up to %d times, each at 5 %% / %d (Bonferroni):"
                        + " at most 5 %% false verdicts over all looks",
                Verdicts.levelPct(2 * level - 1),
                looks,
                looks);
    }

    private static String caution(List<BenchResult> rs, PairVerdict v) {
        StringBuilder c = new StringBuilder();
        for (int i : new int[] {v.a(), v.b()}) {
            if (!rs.get(i).valid()) {
                c.append(c.length() == 0 ? " (caution: " : ", ")
                        .append("[")
                        .append(i + 1)
                        .append("] invalid");
            }
        }
        return c.length() == 0 ? "" : c.append(")").toString();
    }

    /**
     * Every verdict holds for the lanes as they ran: each lane's threads and spinning, and a warning for a lane that
     * did not run at its runtime's defaults (ONNX Runtime without spinning is slower, by design, not by runtime).
     */
    static List<String> settingsCaveats(List<BenchResult> rs) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            RunConditions c = rs.get(i).conditions();
            RuntimeSettings s = c == null ? null : c.runtimeSettings();
            if (s != null) {
                out.add(String.format(
                        Locale.ROOT,
                        "  as run: [%d] %s%s",
                        i + 1,
                        s.text(),
                        s.runtimeDefault() ? "" : "; caveat: its latency and power are not the runtime's default"));
            }
        }
        return out;
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
            b.append(String.format(
                    Locale.ROOT, "[%d] %s%n", i + 1, report.lanes().get(i)));
            LatencyText.intervals(r.latencyUs(), r.runs())
                    .forEach(t -> b.append(t).append(nl));
            ConditionsText.lines(r.conditions()).forEach(t -> b.append(t).append(nl));
            if (!r.valid()) {
                b.append(String.format(Locale.ROOT, "%-12s %s%n", "caution", String.join("; ", r.invalidReasons())));
            }
        }
        CompareReport.Rounds rounds = report.rounds();
        if (rounds != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "%nInterleaved: %d rounds of %.2f s per lane in %d worker processes per"
                            + " lane, order shuffled per round (seed %d)%n",
                    rounds.count(),
                    rounds.roundSeconds(),
                    rounds.processes(),
                    rounds.seed()));
        }
        if (rounds != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "Wall time %.2f s for %.2f s of warm-up and measurement windows (ratio %.2f; the windows:"
                            + " each process set's warm-up, the timed rounds and heat blocks; the rest: worker"
                            + " start-up, model loads, round commands, cooldown waits before heat blocks, the"
                            + " agreement inputs)%n",
                    rounds.wallS(),
                    rounds.measuredS(),
                    rounds.wallRatio()));
        }
        if (!report.verdicts().isEmpty()) {
            b.append(nl)
                    .append("Verdicts (ratio of per-round p50s, paired by round; " + levels(report)
                            + " by Student t over the"
                            + (oneProcess(report) ? " rounds of one worker process" : " worker processes")
                            + "; equivalence by TOST" + sequential(report) + "; see docs/bench.md):")
                    .append(nl);
            for (PairVerdict v : report.verdicts()) {
                b.append(String.format(
                        Locale.ROOT, "[%d] vs [%d]: %s%s%n", v.a() + 1, v.b() + 1, v.text(), caution(rs, v)));
                if (v.energyText() != null) {
                    b.append(String.format(Locale.ROOT, "[%d] vs [%d]: %s%n", v.a() + 1, v.b() + 1, v.energyText()));
                }
                if (v.temperatureText() != null) {
                    b.append(String.format(
                            Locale.ROOT, "[%d] vs [%d]: %s%n", v.a() + 1, v.b() + 1, v.temperatureText()));
                }
            }
            settingsCaveats(rs).forEach(t -> b.append(t).append(nl));
        }
        report.notMeasured().forEach(t -> b.append(t).append(nl));
        SweepVerdict s = report.sweep();
        if (s != null) {
            b.append(nl)
                    .append("Sweep over ")
                    .append(rs.size())
                    .append(" lanes:")
                    .append(nl);
            s.text().forEach(t -> b.append("  ").append(t).append(nl));
        }
    }
}

package io.edgebench.compare;

import static io.edgebench.stats.RatioEstimate.pct;

import io.edgebench.bench.LatencyText;
import io.edgebench.results.PairVerdict;
import io.edgebench.results.SweepVerdict;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.ParetoFront;
import io.edgebench.stats.ProcessLevel;
import io.edgebench.stats.RatioEstimate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns each lane's rounds into the verdicts: one {@link PairVerdict} per pair (the ratio of per-round p50s, and of
 * energy per inference when present, over paired rounds in replicated worker processes: {@link RatioEstimate}) and
 * the {@link SweepVerdict}. Pure: no I/O, testable on synthetic rounds.
 */
public final class Verdicts {
    private Verdicts() {}

    /**
     * The measurements of one lane. The k-th round of process f of every lane ran in the same interleaved round,
     * so rounds pair by (process, index).
     *
     * @param p50Us the pooled p50 over every run, for the sweep's points
     * @param roundP50Us per worker process, each round's p50
     * @param energyMj per worker process, each round's energy per inference; null without power measurement
     */
    public record LaneSamples(
            String name,
            double p50Us,
            ConfidenceInterval p50Ci,
            List<double[]> roundP50Us,
            List<double[]> energyMj,
            Long peakRssBytes) {
        public LaneSamples {
            roundP50Us = List.copyOf(roundP50Us);
            energyMj = energyMj == null ? null : List.copyOf(energyMj);
        }
    }

    public static List<PairVerdict> pairs(List<LaneSamples> lanes, double marginPct) {
        return pairs(lanes, marginPct, 1);
    }

    /** {@code looks}: the planned looks of --until-decided (1 without it), see {@link RatioEstimate}. */
    public static List<PairVerdict> pairs(List<LaneSamples> lanes, double marginPct, int looks) {
        List<PairVerdict> out = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            for (int j = i + 1; j < lanes.size(); j++) {
                out.add(pair(i, j, lanes.get(i), lanes.get(j), marginPct, looks));
            }
        }
        return out;
    }

    /** Speedup = p50(b) / p50(a) per round: above 1, a is faster; energy the same way round. */
    static PairVerdict pair(int ia, int ib, LaneSamples a, LaneSamples b, double marginPct, int looks) {
        RatioEstimate speed = RatioEstimate.of("p50", logRatios(b.roundP50Us(), a.roundP50Us()), marginPct, looks);
        String text = sentence(a.name(), b.name(), speed, "faster", "at p50");
        RatioEstimate energy = null;
        String energyText = null;
        if (a.energyMj() != null && b.energyMj() != null) {
            energy = RatioEstimate.of("energy per inference", logRatios(b.energyMj(), a.energyMj()), marginPct, looks);
            energyText = sentence(a.name(), b.name(), energy, "more energy-efficient", "per inference");
        }
        return new PairVerdict(ia, ib, speed, energy, text, energyText);
    }

    /** ln(num / den) of each paired round, grouped by process; rounds beyond the shorter lane's are unpaired. */
    static List<double[]> logRatios(List<double[]> num, List<double[]> den) {
        List<double[]> out = new ArrayList<>();
        for (int f = 0; f < Math.min(num.size(), den.size()); f++) {
            int n = Math.min(num.get(f).length, den.get(f).length);
            double[] logs = new double[n];
            for (int k = 0; k < n; k++) {
                logs[k] = Math.log(num.get(f)[k] / den.get(f)[k]);
            }
            out.add(logs);
        }
        return out;
    }

    /**
     * One of three outcomes, worded as such: "a is 1.23x faster than b at p50 (95 % CI 1.19-1.27)", "a and b are
     * equivalent within +-3 % at p50 (90 % CI 0.99-1.02, TOST)", "a vs b at p50: inconclusive: 95 % CI 0.96-1.07;
     * about 4 more worker processes (--forks 7) would decide" (with one process: "about 40 more rounds"); then what
     * the processes showed. The levels are the estimate's own (higher under --until-decided).
     */
    static String sentence(String a, String b, RatioEstimate r, String better, String where) {
        if (r == null) {
            return String.format(Locale.ROOT, "%s vs %s %s: no interval: fewer than two paired rounds", a, b, where);
        }
        String s = switch (r.outcome()) {
            case DIFFERENT -> {
                boolean aWins = r.low() > 1;
                RatioEstimate shown = aWins ? r : r.inverted();
                yield String.format(
                        Locale.ROOT,
                        "%s is %.2fx %s than %s %s (%s %% CI %.2f-%.2f%s)",
                        aWins ? a : b,
                        shown.ratio(),
                        better,
                        aWins ? b : a,
                        where,
                        levelPct(r.level()),
                        shown.low(),
                        shown.high(),
                        r.withinMargin() ? "; within the +-" + pct(r.marginPct()) + " % equivalence margin" : "");
            }
            case EQUIVALENT ->
                String.format(
                        Locale.ROOT,
                        "%s and %s are equivalent within +-%s %% %s (%s %% CI %.2f-%.2f, TOST)",
                        a,
                        b,
                        pct(r.marginPct()),
                        where,
                        levelPct(r.equivalenceLevel()),
                        r.equivalenceLow(),
                        r.equivalenceHigh());
            case INCONCLUSIVE ->
                String.format(
                        Locale.ROOT,
                        "%s vs %s %s: inconclusive: %s %% CI %.2f-%.2f; %s",
                        a,
                        b,
                        where,
                        levelPct(r.level()),
                        r.low(),
                        r.high(),
                        more(r));
        };
        return s + processes(r);
    }

    /** With replicated processes the process is the unit: more of them decide, not more rounds in them. */
    private static String more(RatioEstimate r) {
        if (r.moreProcesses() != null) {
            return "about " + r.moreProcesses() + " more worker processes (--forks "
                    + (r.processes() + r.moreProcesses()) + ") would decide";
        }
        if (r.moreRounds() != null) {
            return "about " + r.moreRounds() + " more rounds would decide";
        }
        return "more " + (r.processes() >= 2 ? "worker processes" : "rounds") + " would not decide at this spread"
                + " (the ratio lies on the +-" + pct(r.marginPct()) + " % margin)";
    }

    /** A confidence level in percent as printed: 95, 90, 99.5. */
    static String levelPct(double level) {
        return new BigDecimal(level * 100)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String processes(RatioEstimate r) {
        if (r.processes() < 2) {
            return "; one worker process per lane: variation between processes not measured";
        }
        return r.processesDiffer()
                ? String.format(
                        Locale.ROOT,
                        "; worker processes differ (ratio spread %.1f %% over"
                                + " %d processes): the interval is wide for it",
                        r.processSpreadPct(),
                        r.processes())
                : "";
    }

    public static SweepVerdict sweep(List<LaneSamples> lanes, double marginPct) {
        return sweep(lanes, marginPct, 1);
    }

    public static SweepVerdict sweep(List<LaneSamples> lanes, double marginPct, int looks) {
        List<SweepVerdict.Point> points = new ArrayList<>();
        boolean energy = !lanes.isEmpty() && lanes.stream().allMatch(l -> l.energyMj() != null);
        for (int i = 0; i < lanes.size(); i++) {
            LaneSamples l = lanes.get(i);
            Double mj = null;
            ConfidenceInterval mjCi = null;
            ProcessLevel e = l.energyMj() == null ? null : ProcessLevel.of(l.energyMj());
            if (e != null) {
                mj = e.center();
                mjCi = e.interval(RatioEstimate.LEVEL, "energy per inference");
            }
            points.add(new SweepVerdict.Point(i, l.name(), l.p50Us(), l.p50Ci(), mj, mjCi, l.peakRssBytes()));
        }
        boolean energyKnown = energy && points.stream().allMatch(p -> p.energyMj() != null);
        List<String> text = new ArrayList<>();
        List<SweepVerdict.Point> byP50 = points.stream()
                .sorted((x, y) -> Double.compare(x.p50Us(), y.p50Us()))
                .toList();
        SweepVerdict.Point fastest = byP50.get(0);
        SweepVerdict.Point second = byP50.size() > 1 ? byP50.get(1) : null;
        RatioEstimate overRunnerUp = second == null
                ? null
                : pair(
                                fastest.lane(),
                                second.lane(),
                                lanes.get(fastest.lane()),
                                lanes.get(second.lane()),
                                marginPct,
                                looks)
                        .speedup();
        // the ratio printed is the paired per-round estimate: rank the top two by it, not by the pooled p50
        if (overRunnerUp != null && overRunnerUp.ratio() < 1) {
            SweepVerdict.Point t = fastest;
            fastest = second;
            second = t;
            overRunnerUp = overRunnerUp.inverted();
        }
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "fastest: %s, p50 %s",
                fastest.name(),
                ms(fastest.p50Us(), fastest.p50Ci(), lanes.get(fastest.lane()))));
        if (overRunnerUp != null) {
            line.append(String.format(
                    Locale.ROOT,
                    "; %.2fx the runner-up %s (%s %% CI %.2f-%.2f, %s)",
                    overRunnerUp.ratio(),
                    second.name(),
                    levelPct(overRunnerUp.level()),
                    overRunnerUp.low(),
                    overRunnerUp.high(),
                    overRunnerUp.outcome().id()));
        }
        text.add(line.toString());
        SweepVerdict.Point leastEnergy = null;
        if (energyKnown) {
            leastEnergy = points.stream()
                    .min((x, y) -> Double.compare(x.energyMj(), y.energyMj()))
                    .orElseThrow();
            text.add(String.format(
                    Locale.ROOT,
                    "least energy per inference (gross board, idle included): %s, %.3f mJ (95 %% CI %.3f-%.3f over"
                            + " worker processes; the meter's own accuracy not included)",
                    leastEnergy.name(),
                    leastEnergy.energyMj(),
                    leastEnergy.energyCi().low(),
                    leastEnergy.energyCi().high()));
        }
        String axes = energyKnown ? "p50 latency x gross energy per inference" : "p50 latency x peak RSS";
        double[] xs = points.stream().mapToDouble(SweepVerdict.Point::p50Us).toArray();
        double[] ys = points.stream()
                .mapToDouble(p -> energyKnown ? p.energyMj() : p.peakRssBytes() == null ? Double.NaN : p.peakRssBytes())
                .toArray();
        List<SweepVerdict.Point> front = new ArrayList<>();
        for (int i : ParetoFront.of(xs, ys)) {
            front.add(points.get(i));
        }
        text.add("Pareto front (" + axes + "): "
                + String.join(
                        "; ",
                        front.stream()
                                .map(p -> p.name() + " p50 "
                                        + ms(p.p50Us(), p.p50Ci(), lanes.get(p.lane()))
                                        + (energyKnown
                                                ? String.format(Locale.ROOT, ", %.3f mJ", p.energyMj())
                                                : p.peakRssBytes() == null
                                                        ? ""
                                                        : String.format(
                                                                Locale.ROOT,
                                                                ", %.1f MiB",
                                                                p.peakRssBytes() / 1048576.0)))
                                .toList()));
        return new SweepVerdict(fastest, overRunnerUp, leastEnergy, axes, front, text);
    }

    /** A lane's pooled p50 interval holds for the processes it ran in (LaneResults): said when they are several. */
    private static String ms(double us, ConfidenceInterval ci, LaneSamples lane) {
        long processes = lane.roundP50Us().stream().filter(r -> r.length > 0).count();
        return ci == null
                ? LatencyText.ms(us) + " ms"
                : LatencyText.ms(us) + " ms (95 % CI " + LatencyText.ms(ci.low()) + "-" + LatencyText.ms(ci.high())
                        + LaneResults.within((int) processes) + ")";
    }
}

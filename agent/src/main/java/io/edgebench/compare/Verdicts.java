package io.edgebench.compare;

import io.edgebench.results.PairVerdict;
import io.edgebench.results.SweepVerdict;

import io.edgebench.bench.LatencyText;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.ParetoFront;
import io.edgebench.stats.RatioEstimate;
import io.edgebench.stats.Replicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns each lane's raw samples into the verdicts: one {@link PairVerdict} per pair (bootstrap ratio of p50s, and
 * of energy per inference when present) and the {@link SweepVerdict}. Pure: seeded, no I/O, testable on
 * synthetic samples.
 */
public final class Verdicts {
    private Verdicts() {}

    /**
     * The measurements of one lane.
     *
     * @param latencyUs every timed latency
     * @param energyMjPerRound energy per inference of each round (or sample), null without power measurement
     */
    public record LaneSamples(String name, double[] latencyUs, ConfidenceInterval p50Ci, double[] energyMjPerRound,
            Long peakRssBytes) {}

    public static List<PairVerdict> pairs(List<LaneSamples> lanes, int resamples, long seed) {
        List<PairVerdict> out = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            for (int j = i + 1; j < lanes.size(); j++) {
                out.add(pair(i, j, lanes.get(i), lanes.get(j), resamples, seed + 31L * i + j));
            }
        }
        return out;
    }

    static PairVerdict pair(int ia, int ib, LaneSamples a, LaneSamples b, int resamples, long seed) {
        RatioEstimate speed = RatioEstimate.of("p50", Replicator.median(b.latencyUs()),
                Replicator.median(a.latencyUs()), resamples, seed, RatioEstimate.LEVEL);
        String text = sentence(a.name(), b.name(), speed, "faster", "at p50");
        RatioEstimate energy = null;
        String energyText = null;
        if (a.energyMjPerRound() != null && b.energyMjPerRound() != null) {
            energy = RatioEstimate.of("energy per inference", Replicator.mean(b.energyMjPerRound()),
                    Replicator.mean(a.energyMjPerRound()), resamples, seed + 1, RatioEstimate.LEVEL);
            energyText = sentence(a.name(), b.name(), energy, "more energy-efficient", "per inference");
        }
        return new PairVerdict(ia, ib, speed, energy, text, energyText);
    }

    /**
     * The smallest ratio reported as a difference (an equivalence margin). The bootstrap interval covers the
     * sampling noise of this run's samples, not the offset between two worker processes (memory layout, core
     * placement, JIT): Kalibera and Jones (Rigorous Benchmarking in Reasonable Time, ISMM 2013) show that such
     * per-process effects need repeated processes to estimate. Measured here: the same model and delegate in two
     * workers differed by up to 2 % on a loaded 2-core VM. So a difference needs its interval to exclude 1 and its
     * ratio to exceed this margin; the sentence says when a significant ratio lies within it.
     */
    public static final double MIN_EFFECT = 0.03;

    /** Significant: the interval excludes 1 and the ratio lies beyond the {@link #MIN_EFFECT} margin. */
    public static boolean differs(RatioEstimate r) {
        return r.significant() && (r.ratio() >= 1 + MIN_EFFECT || r.ratio() <= 1 / (1 + MIN_EFFECT));
    }

    /** "a is 1.84x faster than b at p50 (95 % CI 1.79-1.90)", the other way round, or no significant difference. */
    static String sentence(String a, String b, RatioEstimate r, String better, String where) {
        if (!differs(r)) {
            return String.format(Locale.ROOT, "%s vs %s: no significant difference %s (ratio %.2f, 95 %% CI "
                    + "%.2f-%.2f%s)", a, b, where, r.ratio(), r.low(), r.high(), r.significant()
                    ? String.format(Locale.ROOT, "; within the %.0f %% margin", MIN_EFFECT * 100) : "");
        }
        boolean aWins = r.low() > 1;
        RatioEstimate shown = aWins ? r : r.inverted();
        return String.format(Locale.ROOT, "%s is %.2fx %s than %s %s (95 %% CI %.2f-%.2f)", aWins ? a : b,
                shown.ratio(), better, aWins ? b : a, where, shown.low(), shown.high());
    }

    public static SweepVerdict sweep(List<LaneSamples> lanes, int resamples, long seed) {
        List<SweepVerdict.Point> points = new ArrayList<>();
        boolean energy = !lanes.isEmpty() && lanes.stream().allMatch(l -> l.energyMjPerRound() != null);
        for (int i = 0; i < lanes.size(); i++) {
            LaneSamples l = lanes.get(i);
            Replicator median = Replicator.median(l.latencyUs());
            Double mj = null;
            ConfidenceInterval mjCi = null;
            if (l.energyMjPerRound() != null) {
                Replicator mean = Replicator.mean(l.energyMjPerRound());
                mj = mean.observed();
                RatioEstimate e = RatioEstimate.of("energy per inference", mean, constant(1), resamples, seed + i,
                        RatioEstimate.LEVEL);
                mjCi = new ConfidenceInterval(e.low(), e.high(), e.level(), String.format(Locale.ROOT,
                        "percentile bootstrap of the mean over %d rounds, %d resamples, seed %d",
                        l.energyMjPerRound().length, resamples, seed + i));
            }
            points.add(new SweepVerdict.Point(i, l.name(), median.observed(), l.p50Ci(), mj, mjCi, l.peakRssBytes()));
        }
        List<String> text = new ArrayList<>();
        SweepVerdict.Point fastest = points.stream().min((x, y) -> Double.compare(x.p50Us(), y.p50Us())).orElseThrow();
        RatioEstimate overRunnerUp = null;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "fastest: %s, p50 %s", fastest.name(),
                ms(fastest.p50Us(), fastest.p50Ci())));
        if (points.size() > 1) {
            SweepVerdict.Point second = points.stream().filter(p -> p != fastest)
                    .min((x, y) -> Double.compare(x.p50Us(), y.p50Us())).orElseThrow();
            overRunnerUp = pair(fastest.lane(), second.lane(), lanes.get(fastest.lane()), lanes.get(second.lane()),
                    resamples, seed + 7).speedup();
            line.append(String.format(Locale.ROOT, "; %.2fx the runner-up %s (95 %% CI %.2f-%.2f%s)",
                    overRunnerUp.ratio(), second.name(), overRunnerUp.low(), overRunnerUp.high(),
                    differs(overRunnerUp) ? "" : ", not significant"));
        }
        text.add(line.toString());
        SweepVerdict.Point leastEnergy = null;
        if (energy) {
            leastEnergy = points.stream().min((x, y) -> Double.compare(x.energyMj(), y.energyMj())).orElseThrow();
            text.add(String.format(Locale.ROOT, "least energy per inference: %s, %.3f mJ (95 %% CI %.3f-%.3f)",
                    leastEnergy.name(), leastEnergy.energyMj(), leastEnergy.energyCi().low(),
                    leastEnergy.energyCi().high()));
        }
        String axes = energy ? "p50 latency x energy per inference" : "p50 latency x peak RSS";
        double[] xs = points.stream().mapToDouble(SweepVerdict.Point::p50Us).toArray();
        double[] ys = points.stream().mapToDouble(p -> energy ? p.energyMj()
                : p.peakRssBytes() == null ? Double.NaN : p.peakRssBytes()).toArray();
        List<SweepVerdict.Point> front = new ArrayList<>();
        for (int i : ParetoFront.of(xs, ys)) {
            front.add(points.get(i));
        }
        text.add("Pareto front (" + axes + "): " + String.join("; ", front.stream().map(p -> p.name() + " p50 "
                + ms(p.p50Us(), p.p50Ci()) + (energy ? String.format(Locale.ROOT, ", %.3f mJ", p.energyMj())
                : p.peakRssBytes() == null ? "" : String.format(Locale.ROOT, ", %.1f MiB", p.peakRssBytes()
                / 1048576.0))).toList()));
        return new SweepVerdict(fastest, overRunnerUp, leastEnergy, axes, front, text);
    }

    private static String ms(double us, ConfidenceInterval ci) {
        return ci == null ? LatencyText.ms(us) + " ms"
                : LatencyText.ms(us) + " ms (95 % CI " + LatencyText.ms(ci.low()) + "-" + LatencyText.ms(ci.high()) + ")";
    }

    /** A denominator that is always {@code v}: the bootstrap of a ratio to it is the CI of the numerator alone. */
    private static Replicator constant(double v) {
        return new Replicator() {
            @Override
            public double observed() {
                return v;
            }

            @Override
            public double replicate(java.util.SplittableRandom random) {
                return v;
            }
        };
    }
}

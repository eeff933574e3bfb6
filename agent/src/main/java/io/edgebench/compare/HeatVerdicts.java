package io.edgebench.compare;

import io.edgebench.results.HeatBlocks;
import io.edgebench.results.Lane;
import io.edgebench.results.PairVerdict;
import io.edgebench.results.TemperatureDifference;
import io.edgebench.stats.RatioEstimate;
import io.edgebench.stats.StudentT;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arithmetic of the heat blocks: their ABBA order, one block's rise over idle, and the temperature verdict of a
 * pair of lanes (docs/bench.md, "Temperature").
 */
final class HeatVerdicts {
    /** Two lanes whose 90 % interval lies within +-this many degrees heat the board alike (TOST). */
    static final double EQUIVALENCE_C = 1.0;

    private HeatVerdicts() {}

    /**
     * The lanes' block order: per quad the lanes, then the lanes reversed (two lanes: A B B A). Every lane's mean
     * position in a quad is the same, so a temperature drift linear in time adds the same to every lane's mean rise.
     */
    static List<Integer> order(int lanes, int quads) {
        List<Integer> out = new ArrayList<>();
        for (int q = 0; q < quads; q++) {
            for (int i = 0; i < lanes; i++) {
                out.add(i);
            }
            for (int i = lanes - 1; i >= 0; i--) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * A block's rise: the mean of the readings stamped in the last third of [startNs, endNs] minus {@code beforeC};
     * NaN when no reading falls there.
     */
    static double rise(long[] ns, double[] c, long startNs, long endNs, double beforeC) {
        long from = endNs - (endNs - startNs) / 3;
        double sum = 0;
        int n = 0;
        for (int k = 0; k < ns.length; k++) {
            if (ns[k] >= from && ns[k] <= endNs && !Double.isNaN(c[k])) {
                sum += c[k];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n - beforeC;
    }

    /** The smallest change between two readings seen (the sensor's step as observed); 0 when all were equal. */
    static double step(double[] c) {
        double[] s = java.util.Arrays.stream(c)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        double step = 0;
        for (int k = 1; k < s.length; k++) {
            double d = s[k] - s[k - 1];
            if (d > 1e-9 && (step == 0 || d < step)) {
                step = d;
            }
        }
        return step;
    }

    /** Per quad, lane b's mean rise minus lane a's (above 0: a heats less). */
    static double[] quadDifferences(HeatBlocks heat, int a, int b) {
        double[] d = new double[heat.quads()];
        for (int q = 0; q < heat.quads(); q++) {
            d[q] = meanRise(heat, b, q) - meanRise(heat, a, q);
        }
        return d;
    }

    private static double meanRise(HeatBlocks heat, int lane, int quad) {
        return heat.blocks().stream()
                .filter(x -> x.lane() == lane && x.quad() == quad)
                .mapToDouble(HeatBlocks.Block::riseC)
                .average()
                .orElse(Double.NaN);
    }

    /** Each pair's temperature verdict from the heat blocks, beside its latency and energy ones. */
    static List<PairVerdict> attach(List<PairVerdict> pairs, List<Lane> lanes, HeatBlocks heat) {
        List<String> names = Lane.shortNames(lanes);
        List<PairVerdict> out = new ArrayList<>();
        for (PairVerdict p : pairs) {
            TemperatureDifference t = verdict(heat, p.a(), p.b());
            out.add(t == null ? p : p.withTemperature(t, sentence(names.get(p.a()), names.get(p.b()), t)));
        }
        return out;
    }

    /** The verdict of lanes a and b, null when some block of theirs has no rise. */
    static TemperatureDifference verdict(HeatBlocks heat, int a, int b) {
        double[] d = quadDifferences(heat, a, b);
        int n = d.length;
        double mean = java.util.Arrays.stream(d).average().orElse(Double.NaN);
        if (Double.isNaN(mean) || n < 2) {
            return null;
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        double widen = heat.stepC() / 2;
        double half95 = StudentT.quantile(0.975, n - 1) * se + widen;
        double half90 = StudentT.quantile(0.95, n - 1) * se + widen;
        RatioEstimate.Outcome outcome = mean - half95 > 0 || mean + half95 < 0
                ? RatioEstimate.Outcome.DIFFERENT
                : Math.abs(mean) + half90 < EQUIVALENCE_C
                        ? RatioEstimate.Outcome.EQUIVALENT
                        : RatioEstimate.Outcome.INCONCLUSIVE;
        String method = String.format(
                Locale.ROOT,
                "rise over idle, %d ABBA quads of %.0f s blocks, %s (step %.2f °C)",
                n,
                heat.blockS(),
                heat.sensor(),
                heat.stepC());
        if (heat.cooldownMisses() > 0) {
            method += String.format(
                    Locale.ROOT,
                    "; %d of %d blocks started before the board was back within %.1f °C of idle (wait ran out)",
                    heat.cooldownMisses(),
                    heat.blocks().size(),
                    heat.toleranceC());
        }
        return new TemperatureDifference(
                mean,
                mean - half95,
                mean + half95,
                mean - half90,
                mean + half90,
                outcome,
                EQUIVALENCE_C,
                n,
                method,
                heat.sensor());
    }

    /**
     * The sentence, with the interval that decided it: "temperature: A runs 2.1 °C cooler than B (rise over idle,
     * 95 % CI 1.2 to 3.0 °C, ...)"; an equivalence names its 90 % interval, as TOST at 5 % uses it.
     */
    static String sentence(String a, String b, TemperatureDifference t) {
        boolean equivalent = t.outcome() == RatioEstimate.Outcome.EQUIVALENT;
        String ci = equivalent
                ? String.format(Locale.ROOT, "90 %% CI %.1f to %.1f °C", t.equivalenceLowC(), t.equivalenceHighC())
                : String.format(Locale.ROOT, "95 %% CI %.1f to %.1f °C", t.lowC(), t.highC());
        String warm = t.method().contains("wait ran out")
                ? t.method().substring(t.method().indexOf("; "))
                : "";
        String how = String.format(
                Locale.ROOT,
                "%s; %d ABBA quads, %s, interval widened by half the sensor's step%s",
                ci,
                t.quads(),
                t.sensor(),
                warm);
        String lower = t.differenceC() > 0 ? "below" : "above";
        return switch (t.outcome()) {
            case DIFFERENT ->
                String.format(
                        Locale.ROOT,
                        "temperature: %s runs %.1f °C %s than %s (rise over idle, %s)",
                        a,
                        Math.abs(t.differenceC()),
                        t.differenceC() > 0 ? "cooler" : "hotter",
                        b,
                        how);
            case EQUIVALENT ->
                String.format(
                        Locale.ROOT,
                        "temperature: no difference within ±%.1f °C (TOST; rise over idle, %s)",
                        t.marginC(),
                        how);
            case INCONCLUSIVE ->
                String.format(
                        Locale.ROOT,
                        "temperature: inconclusive: %s's rise over idle is %.1f °C %s %s's (%s, b minus a)",
                        a,
                        Math.abs(t.differenceC()),
                        lower,
                        b,
                        how);
        };
    }
}

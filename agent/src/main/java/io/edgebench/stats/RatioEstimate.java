package io.edgebench.stats;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The ratio of one statistic between two lanes (numerator / denominator) measured in paired rounds inside
 * replicated worker processes, with its 95 % interval, the 90 % interval of the equivalence test, and the outcome.
 *
 * <p>Each round gives one log ratio (the lanes ran back to back in that round, so drift and background load hit
 * both); a process's median log ratio is one observation; the interval is Student's t over the processes
 * ({@link ProcessLevel}, after Kalibera and Jones 2013). Equivalence is Schuirmann's two one-sided tests (TOST,
 * 1987) at 5 % each, i.e. the 90 % interval inside [1 / (1 + margin), 1 + margin].
 *
 * @param ratio exp(mean over processes of each process's median log ratio of its rounds); with one process
 *     exp(mean log ratio of its rounds)
 * @param low lower bound of the {@code level} interval
 * @param level 0.95
 * @param statistic e.g. "p50" or "energy per inference"
 * @param outcome different, equivalent or inconclusive
 * @param marginPct the equivalence margin in percent
 * @param equivalenceLow lower bound of the 90 % interval (TOST)
 * @param processes worker processes per lane the interval is computed over
 * @param rounds paired rounds over all processes
 * @param processSpreadPct standard deviation of the per-process ratios, percent (0 with one process)
 * @param processesDiffer the processes disagree beyond what their rounds explain: the interval widened for it
 * @param moreRounds when inconclusive: about how many more rounds (in more processes) would decide; null otherwise
 *     or when no affordable number would (the ratio sits on the margin)
 * @param method how the interval was computed, in words
 */
public record RatioEstimate(
        double ratio,
        double low,
        double high,
        double level,
        String statistic,
        Outcome outcome,
        double marginPct,
        double equivalenceLow,
        double equivalenceHigh,
        int processes,
        int rounds,
        double processSpreadPct,
        boolean processesDiffer,
        Integer moreRounds,
        String method) {
    public static final double LEVEL = 0.95;
    /** TOST at 5 % on each side is a 90 % interval. */
    public static final double EQUIVALENCE_LEVEL = 0.90;
    /** Most processes the "more rounds" estimate considers. */
    static final int MAX_PROCESSES = 1000;

    /** The three verdicts a ratio can support. */
    public enum Outcome {
        DIFFERENT("different"),
        EQUIVALENT("equivalent"),
        INCONCLUSIVE("inconclusive");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    /**
     * The estimate from per-round log ratios (ln(numerator / denominator)) grouped by worker process; null when
     * fewer than two rounds exist (no interval can be computed).
     */
    public static RatioEstimate of(String statistic, List<double[]> logRatiosByProcess, double marginPct) {
        if (!(marginPct > 0 && marginPct < 100)) {
            throw new IllegalArgumentException("equivalence margin [" + marginPct + "] must be in (0, 100) percent");
        }
        ProcessLevel p = ProcessLevel.of(logRatiosByProcess);
        if (p == null) {
            return null;
        }
        double margin = Math.log1p(marginPct / 100);
        double hw = p.halfWidth(LEVEL);
        double eq = p.halfWidth(EQUIVALENCE_LEVEL);
        double c = p.center();
        boolean different = c - hw > 0 || c + hw < 0;
        boolean equivalent = !different && c - eq >= -margin && c + eq <= margin;
        Outcome outcome = different ? Outcome.DIFFERENT : equivalent ? Outcome.EQUIVALENT : Outcome.INCONCLUSIVE;
        Integer more = outcome == Outcome.INCONCLUSIVE ? moreRounds(p, Math.abs(c), margin) : null;
        double spread = p.replicatedProcesses() ? Math.expm1(p.unitSd()) * 100 : 0;
        String method = p.replicatedProcesses()
                ? String.format(
                        Locale.ROOT,
                        "Student t over %d worker processes (%d df) of the per-process median"
                                + " log ratio of %d paired rounds (Kalibera and Jones 2013); equivalence by TOST"
                                + " (Schuirmann 1987) with a +-%s %% margin",
                        p.units(),
                        p.df(),
                        p.rounds(),
                        pct(marginPct))
                : String.format(
                        Locale.ROOT,
                        "Student t over %d paired rounds of one worker process, widened by their"
                                + " lag-1 autocorrelation; variation between processes NOT measured (one process)",
                        p.units());
        return new RatioEstimate(
                Math.exp(c),
                Math.exp(c - hw),
                Math.exp(c + hw),
                LEVEL,
                statistic,
                outcome,
                marginPct,
                Math.exp(c - eq),
                Math.exp(c + eq),
                p.replicatedProcesses() ? p.units() : 1,
                p.rounds(),
                spread,
                p.processesDiffer(),
                more,
                method);
    }

    /**
     * Units needed for either decision at the current spread and estimate: the 95 % half-width below |center|
     * (a difference) or |center| plus the 90 % half-width below the margin (equivalence); rounds per unit as now.
     */
    private static Integer moreRounds(ProcessLevel p, double distance, double margin) {
        int forDifference = distance > 0 ? p.unitsFor(LEVEL, distance, MAX_PROCESSES) : 0;
        int forEquivalence = margin > distance ? p.unitsFor(EQUIVALENCE_LEVEL, margin - distance, MAX_PROCESSES) : 0;
        int units = forDifference == 0
                ? forEquivalence
                : forEquivalence == 0 ? forDifference : Math.min(forDifference, forEquivalence);
        if (units == 0) {
            return null;
        }
        double roundsPerUnit = p.replicatedProcesses() ? (double) p.rounds() / p.units() : 1;
        return (int) Math.ceil(Math.max(1, units - p.units()) * roundsPerUnit);
    }

    /** True when the 95 % interval excludes 1. */
    public boolean significant() {
        return outcome == Outcome.DIFFERENT;
    }

    /** Different, but by less than the margin: worth saying beside "faster". */
    public boolean withinMargin() {
        double m = 1 + marginPct / 100;
        return low >= 1 / m && high <= m;
    }

    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    /** The same estimate for denominator / numerator. */
    public RatioEstimate inverted() {
        return new RatioEstimate(
                1 / ratio,
                1 / high,
                1 / low,
                level,
                statistic,
                outcome,
                marginPct,
                1 / equivalenceHigh,
                1 / equivalenceLow,
                processes,
                rounds,
                processSpreadPct,
                processesDiffer,
                moreRounds,
                method);
    }

    /** A percentage as typed: 3 not 3.0, 2.5 as is. */
    public static String pct(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

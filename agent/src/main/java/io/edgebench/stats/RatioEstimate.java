package io.edgebench.stats;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The ratio of one statistic between two lanes (numerator / denominator) measured in paired rounds inside
 * replicated worker processes, with its 95 % interval, the 90 % interval of the equivalence test, and the outcome.
 * A sequential compare (--until-decided) that may look up to K times uses both at 5 % / K (Bonferroni), so the
 * chance that any of its looks decides falsely stays at most 5 %: 1 - 0.05 / K and 1 - 0.10 / K.
 *
 * <p>Each round gives one log ratio (the lanes ran back to back in that round, so drift and background load hit
 * both); a process's median log ratio is one observation; the interval is Student's t over the processes
 * ({@link ProcessLevel}, after Kalibera and Jones 2013). Equivalence is Schuirmann's two one-sided tests (TOST,
 * 1987) at 5 % each, i.e. the 90 % interval inside [1 / (1 + margin), 1 + margin].
 *
 * @param ratio exp(mean over processes of each process's median log ratio of its rounds); with one process
 *     exp(mean log ratio of its rounds)
 * @param low lower bound of the {@code level} interval
 * @param level 0.95, or 1 - 0.05 / looks for a sequential compare; the equivalence interval is at 2 level - 1
 * @param statistic e.g. "p50" or "energy per inference"
 * @param outcome different, equivalent or inconclusive
 * @param marginPct the equivalence margin in percent
 * @param equivalenceLow lower bound of the 90 % interval (TOST; 2 level - 1 in general)
 * @param processes worker processes per lane the interval is computed over
 * @param rounds paired rounds over all processes
 * @param processSpreadPct standard deviation of the per-process ratios, percent (0 with one process)
 * @param processesDiffer the processes disagree beyond what their rounds explain: the interval widened for it
 * @param moreRounds when inconclusive with one worker process: about how many more rounds would decide; null
 *     otherwise or when no affordable number would (the ratio sits on the margin)
 * @param moreProcesses when inconclusive with replicated worker processes (the unit of the interval): about how
 *     many more worker processes per lane would decide; null otherwise or when no affordable number would
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
        Integer moreProcesses,
        String method) {
    public static final double LEVEL = 0.95;
    /** The family-wise error rate of a verdict, over all its looks. */
    static final double ALPHA = 1 - LEVEL;
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
        return of(statistic, logRatiosByProcess, marginPct, 1);
    }

    /**
     * The same, as one of up to {@code looks} planned looks of a sequential compare: both tests at 5 % / looks
     * (Bonferroni), so that stopping at the first look that decides keeps the family-wise error at most 5 %.
     */
    public static RatioEstimate of(String statistic, List<double[]> logRatiosByProcess, double marginPct, int looks) {
        if (looks < 1) {
            throw new IllegalArgumentException("looks [" + looks + "] must be at least 1 (1: a single look)");
        }
        if (!(marginPct > 0 && marginPct < 100)) {
            throw new IllegalArgumentException("equivalence margin [" + marginPct + "] must be in (0, 100) percent");
        }
        ProcessLevel p = ProcessLevel.of(logRatiosByProcess);
        if (p == null) {
            return null;
        }
        double margin = Math.log1p(marginPct / 100);
        double level = 1 - ALPHA / looks;
        double equivalenceLevel = 1 - 2 * ALPHA / looks;
        double hw = p.halfWidth(level);
        double eq = p.halfWidth(equivalenceLevel);
        double c = p.center();
        boolean different = c - hw > 0 || c + hw < 0;
        boolean equivalent = !different && c - eq >= -margin && c + eq <= margin;
        Outcome outcome = different ? Outcome.DIFFERENT : equivalent ? Outcome.EQUIVALENT : Outcome.INCONCLUSIVE;
        Integer more =
                outcome == Outcome.INCONCLUSIVE ? moreUnits(p, Math.abs(c), margin, level, equivalenceLevel) : null;
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
                        + (looks > 1 ? bonferroni(looks) : "")
                : String.format(
                                Locale.ROOT,
                                "Student t over %d paired rounds of one worker process, widened by their"
                                        + " lag-1 autocorrelation; variation between processes NOT measured (one process)",
                                p.units())
                        + (looks > 1 ? bonferroni(looks) : "");
        return new RatioEstimate(
                Math.exp(c),
                Math.exp(c - hw),
                Math.exp(c + hw),
                level,
                statistic,
                outcome,
                marginPct,
                Math.exp(c - eq),
                Math.exp(c + eq),
                p.replicatedProcesses() ? p.units() : 1,
                p.rounds(),
                spread,
                p.processesDiffer(),
                p.replicatedProcesses() ? null : more,
                p.replicatedProcesses() ? more : null,
                method);
    }

    private static String bonferroni(int looks) {
        return String.format(
                Locale.ROOT,
                "; one of up to %d looks (--until-decided): both tests at 5 %% / %d (Bonferroni), so at most 5 %% over"
                        + " all looks",
                looks,
                looks);
    }

    /**
     * More units needed for either decision at the current spread and estimate: the half-width at {@code level}
     * below |center| (a difference) or |center| plus the half-width at {@code equivalenceLevel} below the margin
     * (equivalence). The units are worker processes when they are replicated, else the rounds of the one process.
     */
    private static Integer moreUnits(
            ProcessLevel p, double distance, double margin, double level, double equivalenceLevel) {
        int forDifference = distance > 0 ? p.unitsFor(level, distance, MAX_PROCESSES) : 0;
        int forEquivalence = margin > distance ? p.unitsFor(equivalenceLevel, margin - distance, MAX_PROCESSES) : 0;
        int units = forDifference == 0
                ? forEquivalence
                : forEquivalence == 0 ? forDifference : Math.min(forDifference, forEquivalence);
        if (units == 0) {
            return null;
        }
        return Math.max(1, units - p.units());
    }

    /** The level of the equivalence (TOST) interval: 0.90 for a single look. */
    public double equivalenceLevel() {
        return 2 * level - 1;
    }

    /** True when the interval at {@code level} excludes 1. */
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
                moreProcesses,
                method);
    }

    /** A percentage as typed: 3 not 3.0, 2.5 as is. */
    public static String pct(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

package io.edgebench.results;

import java.time.Duration;

/**
 * How compare reaches its verdicts: in how many worker processes per lane the rounds run, the equivalence margin,
 * and whether to keep adding processes until every pair is decided. One group inside {@link MeasureOptions} so the
 * CLI, MQTT and the JSON carry the same fields (bench ignores it).
 *
 * @param forks worker processes per lane, one after another, each with its own load and warm-up (1..50; 1 does not
 *     measure variation between processes); the interval is computed over them. Default 6 (docs/bench.md, "Why 6
 *     processes by default": with 3, a runtime whose processes fall into a fast or a slow mode often put all three in
 *     one mode, and on this project's VM 3 of 20 intervals missed long reference runs; with 6, 1 of 20 did)
 * @param equivalencePct two lanes whose 90 % interval lies within +-this percent are "equivalent" (TOST)
 * @param untilDecided after the forks, keep adding worker processes until every pair is decided (different or
 *     equivalent) or a lane reaches max_seconds of timed rounds, looking at most {@link #MAX_LOOKS} times (after
 *     forks, forks + 1, ... processes); every look tests at 5 % / looks (Bonferroni), see {@link #looks()}
 * @param heatBlocks ABBA quads of heat blocks after the rounds, for the temperature verdict (0: off, 2..20; 1 gives
 *     no interval); they run only on a board with a temperature source (docs/bench.md, "Temperature"). Default 3:
 *     compare answers "cooler" by default wherever it can, at the cost of 12 blocks for two lanes
 * @param heatBlockS seconds each heat block runs its lane's inferences continuously (1..60)
 */
public record VerdictOptions(
        int forks, double equivalencePct, boolean untilDecided, int heatBlocks, double heatBlockS) {
    public static final int DEFAULT_HEAT_BLOCKS = 3;
    public static final double DEFAULT_HEAT_BLOCK_S = 20;
    public static final int DEFAULT_FORKS = 6;
    public static final double DEFAULT_EQUIVALENCE_PCT = 3;
    public static final int MAX_FORKS = 50;
    /**
     * Most looks --until-decided takes. Each look that may stop the compare is one more chance of a false verdict;
     * Bonferroni over the planned looks keeps the total at most 5 % but narrows every look's test, so the looks are
     * few: 10 cost a 99.5 % instead of a 95 % interval (t quantile 3.69 instead of 2.26 at 9 df).
     */
    public static final int MAX_LOOKS = 10;

    public VerdictOptions {
        if (forks < 1 || forks > MAX_FORKS) {
            throw new IllegalArgumentException("forks [" + forks + "] must be 1.." + MAX_FORKS + " worker processes"
                    + " per lane; 1 cannot see variation between processes, e.g. 3");
        }
        if (!(equivalencePct >= 0.1 && equivalencePct <= 50)) {
            throw new IllegalArgumentException(
                    "equivalence_pct [" + equivalencePct + "] must be 0.1..50 (percent)," + " e.g. 3");
        }
        if (heatBlocks < 0 || heatBlocks == 1 || heatBlocks > 20) {
            throw new IllegalArgumentException("heat_blocks [" + heatBlocks + "] must be 0 (off) or 2..20 ABBA quads;"
                    + " one quad gives no interval, e.g. 3");
        }
        if (!(heatBlockS >= 1 && heatBlockS <= 60)) {
            throw new IllegalArgumentException(
                    "heat_block_s [" + heatBlockS + "] must be 1..60 seconds per heat block, e.g. 20");
        }
    }

    /** With the default heat blocks. */
    public VerdictOptions(int forks, double equivalencePct, boolean untilDecided) {
        this(forks, equivalencePct, untilDecided, DEFAULT_HEAT_BLOCKS, DEFAULT_HEAT_BLOCK_S);
    }

    /**
     * The wait before a heat block for the board to cool back to idle is bounded by one block's time (at least
     * 5 s): the ABBA order charges what heat is left to every lane alike, so the wait only makes that residue smaller,
     * and a board that never gets back within the tolerance must not multiply the blocks' cost.
     */
    public Duration heatWaitBound() {
        return Duration.ofMillis(Math.round(Math.max(5, heatBlockS) * 1000));
    }

    /** The longest one lane's heat blocks can take: two blocks per quad, each after its bounded wait. */
    public Duration heatBoundPerLane() {
        return heatWaitBound().plusMillis(Math.round(heatBlockS * 1000)).multipliedBy(2L * heatBlocks);
    }

    /**
     * The looks the verdicts are planned for: 1 without --until-decided, else {@link #MAX_LOOKS} (fewer when
     * {@link #MAX_FORKS} leaves no room for them); the verdicts test at 5 % / looks.
     */
    public int looks() {
        return untilDecided ? Math.min(MAX_LOOKS, MAX_FORKS - forks + 1) : 1;
    }

    public static VerdictOptions defaults() {
        return new VerdictOptions(DEFAULT_FORKS, DEFAULT_EQUIVALENCE_PCT, false);
    }
}

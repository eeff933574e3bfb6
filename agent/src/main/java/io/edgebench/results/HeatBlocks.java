package io.edgebench.results;

import java.util.List;

/**
 * Compare's heat blocks (docs/bench.md, "Temperature"): after the interleaved rounds, each lane in turn runs its
 * inferences continuously for {@code blockS} seconds, in ABBA order (the lanes, then the lanes reversed) repeated
 * {@code quads} times, each block after a bounded wait until the hottest sensor is within {@code toleranceC} of the
 * idle baseline.
 *
 * @param sensor the temperature sources read, e.g. "thermal"
 * @param stepC the smallest change between two readings seen (the sensor's resolution as observed); 0 when none
 * @param idleC the hottest sensor before the first block (the idle baseline)
 * @param cooldownMisses blocks that started before the sensor was back within the tolerance (the wait ran out)
 */
public record HeatBlocks(
        String sensor,
        double stepC,
        double idleC,
        double toleranceC,
        double blockS,
        int quads,
        List<Block> blocks,
        int cooldownMisses) {
    public HeatBlocks {
        blocks = List.copyOf(blocks);
    }

    /**
     * One block: {@code riseC} is the mean temperature over its last third minus {@code startC}, the reading just
     * before it started.
     *
     * @param order position in the run (0-based); quad the ABBA repetition it belongs to
     * @param cooled false when the wait before it ran out
     */
    public record Block(int lane, int order, int quad, double startC, double riseC, boolean cooled) {}
}

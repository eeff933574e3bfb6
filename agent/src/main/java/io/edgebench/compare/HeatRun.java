package io.edgebench.compare;

import io.edgebench.results.HeatBlocks;
import io.edgebench.results.VerdictOptions;
import io.edgebench.telemetry.BoardHeat;
import io.edgebench.telemetry.Cooldown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs compare's heat blocks on the last fork's workers (docs/bench.md, "Temperature"): the idle baseline (read before
 * the workers started), then per block a bounded wait until the hottest sensor is within {@link #TOLERANCE_C} of it,
 * the reading just before, and the lane's inferences for the block's seconds while a thread reads the sensors every
 * {@link #POLL_MS} ms.
 */
final class HeatRun {
    /** A block starts once the hottest sensor is this close to the idle baseline (or its wait ran out). */
    static final double TOLERANCE_C = 1.0;
    /** Readings during a block, per second: 20 (thermal zones update every 100 ms to 1 s). */
    static final long POLL_MS = 50;

    private HeatRun() {}

    /** The heat blocks that ran, or the "not measured" line saying why none did; both null: heat blocks off. */
    record Outcome(HeatBlocks blocks, String why) {}

    /**
     * After the interleaved rounds: the heat blocks on the last fork's workers when asked for ({@code board} not
     * null) and every lane's worker is alive.
     */
    static Outcome afterRounds(
            Forks forks,
            VerdictOptions options,
            BoardHeat board,
            double idleC,
            Duration grace,
            Consumer<String> progress,
            BooleanSupplier cancelled) {
        if (board == null) {
            // heat blocks off, or the probe's line says the board has no temperature source
            return new Outcome(null, null);
        }
        for (int i = 0; i < forks.workers().size(); i++) {
            if (forks.failure(i) != null) {
                return new Outcome(
                        null,
                        "temperature: not measured: lane [" + (i + 1) + "]'s worker failed; heat blocks run every"
                                + " lane");
            }
        }
        HeatBlocks blocks = run(forks.workers(), board, idleC, options, grace, progress, cancelled);
        return blocks != null
                ? new Outcome(blocks, null)
                : new Outcome(
                        null,
                        "temperature: not measured: a heat block's worker stopped or the sensors (" + board.sources()
                                + ") gave no reading; see edgebench sensors");
    }

    /**
     * {@code idleC}: the hottest sensor before the workers started (the board idle). Null when a worker stopped or a
     * block gave no reading (the caller says the axis is not measured).
     */
    static HeatBlocks run(
            List<LaneWorker> workers,
            BoardHeat heat,
            double idle,
            VerdictOptions options,
            Duration grace,
            Consumer<String> progress,
            BooleanSupplier cancelled) {
        if (Double.isNaN(idle)) {
            return null;
        }
        int quads = options.heatBlocks();
        double blockS = options.heatBlockS();
        List<Integer> order = HeatVerdicts.order(workers.size(), quads);
        List<HeatBlocks.Block> blocks = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        all.add(idle);
        int misses = 0;
        for (int k = 0; k < order.size() && !cancelled.getAsBoolean(); k++) {
            int lane = order.get(k);
            Cooldown.Result wait = heat.coolTo(idle + TOLERANCE_C, options.heatWaitBound());
            misses += wait.reached() ? 0 : 1;
            double before = heat.hottestC();
            progress.accept(String.format(
                    Locale.ROOT, "heat    block %d/%d lane [%d] from %.1f C", k + 1, order.size(), lane + 1, before));
            List<long[]> ns = new ArrayList<>();
            List<Double> c = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread poll = new Thread(() -> poll(heat, ns, c, stop), "heat-block-poll");
            poll.setDaemon(true);
            long start = System.nanoTime();
            poll.start();
            Object r = workers.get(lane)
                    .round(blockS, Duration.ofMillis(Math.round(blockS * 1000)).plus(grace), cancelled);
            long end = System.nanoTime();
            stop.set(true);
            try {
                poll.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (r == null) {
                return null;
            }
            long[] t;
            double[] v;
            synchronized (c) {
                t = ns.stream().mapToLong(x -> x[0]).toArray();
                v = c.stream().mapToDouble(Double::doubleValue).toArray();
            }
            double rise = HeatVerdicts.rise(t, v, start, end, before);
            if (Double.isNaN(rise) || Double.isNaN(before)) {
                return null;
            }
            all.addAll(c);
            all.add(before);
            blocks.add(new HeatBlocks.Block(lane, k, k / (2 * workers.size()), before, rise, wait.reached()));
        }
        if (blocks.size() < order.size()) {
            return null;
        }
        double step =
                HeatVerdicts.step(all.stream().mapToDouble(Double::doubleValue).toArray());
        return new HeatBlocks(heat.sources(), step, idle, TOLERANCE_C, blockS, quads, blocks, misses);
    }

    private static void poll(BoardHeat heat, List<long[]> ns, List<Double> c, AtomicBoolean stop) {
        while (!stop.get()) {
            double v = heat.hottestC();
            synchronized (c) {
                ns.add(new long[] {System.nanoTime()});
                c.add(v);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

package io.edgebench.compare;

import io.edgebench.results.BenchParams;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.RoundReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs the lanes in interleaved rounds: every round times each live lane for {@code roundSeconds}, in an order
 * shuffled per round from a recorded seed, so drift, heat and background load hit every lane alike (as TFLite's
 * benchmark_model_performance_options shuffles its runs). Stops when every lane has its runs, its min_seconds
 * and (with --until-ci) its interval, or when a lane reaches max_seconds of timed time, or at {@link #MAX_ROUNDS}.
 */
final class InterleavedRounds {
    static final double DEFAULT_ROUND_SECONDS = 0.3;
    static final int MAX_ROUNDS = 10_000;
    static final int MAX_SAMPLES = BenchParams.MAX_RUNS;

    /** How long to interleave and when to stop; the bounds are those of the lanes' BenchParams. */
    record Plan(double roundSeconds, int minRuns, double minSeconds, double maxSeconds, Double untilCiPct,
            long seed, Duration grace) {}

    /** What ran: the seed and order of every round, and each lane's tally. */
    record Outcome(long seed, double roundSeconds, List<List<Integer>> orders, List<LaneTally> tallies,
            boolean untilCiReached) {}

    private InterleavedRounds() {}

    static Outcome run(List<LaneWorker> workers, Plan plan, Consumer<String> progress, BenchListener listener,
            BooleanSupplier cancelled) {
        List<LaneTally> tallies = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            tallies.add(new LaneTally());
            order.add(i);
        }
        Random shuffle = new Random(plan.seed());
        List<List<Integer>> orders = new ArrayList<>();
        Duration timeout = Duration.ofMillis(Math.round(plan.roundSeconds() * 1000)).plus(plan.grace());
        boolean ciReached = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Collections.shuffle(order, shuffle);
            List<Integer> ran = new ArrayList<>();
            for (int lane : order) {
                if (workers.get(lane).failure() != null) {
                    continue;
                }
                RoundReport r = workers.get(lane).round(plan.roundSeconds(), timeout, cancelled);
                if (r != null) {
                    tallies.get(lane).add(r);
                    ran.add(lane);
                }
            }
            orders.add(ran);
            if (ran.isEmpty()) {
                break;
            }
            if (round < 5 || (round + 1) % 10 == 0) { // a long comparison should not print hundreds of lines
                progress.accept("round " + (round + 1) + " order " + ran);
            }
            report(listener, tallies, plan, ran.size());
            ciReached = plan.untilCiPct() == null || allWithin(workers, tallies, plan.untilCiPct());
            if (enough(workers, tallies, plan) && ciReached) {
                break;
            }
            if (anyAtMax(workers, tallies, plan)) {
                break;
            }
        }
        return new Outcome(plan.seed(), plan.roundSeconds(), orders, tallies, ciReached);
    }

    /** The slowest lane's runs so far against the run target, and the time left if min_seconds still binds. */
    private static void report(BenchListener listener, List<LaneTally> tallies, Plan plan, int lanes) {
        long fewest = tallies.stream().mapToLong(LaneTally::runs).min().orElse(0);
        double shortest = tallies.stream().mapToDouble(LaneTally::timedSeconds).min().orElse(0);
        double left = Math.max(0, plan.minSeconds() - shortest) * lanes;
        listener.onRuns(fewest, plan.minRuns(), left);
    }

    private static boolean enough(List<LaneWorker> workers, List<LaneTally> tallies, Plan plan) {
        for (int i = 0; i < tallies.size(); i++) {
            LaneTally t = tallies.get(i);
            if (workers.get(i).failure() == null && (t.runs() < plan.minRuns() || t.timedSeconds() < plan.minSeconds())
                    && t.runs() < MAX_SAMPLES) {
                return false;
            }
        }
        return true;
    }

    private static boolean allWithin(List<LaneWorker> workers, List<LaneTally> tallies, double pct) {
        for (int i = 0; i < tallies.size(); i++) {
            Double h = tallies.get(i).halfWidthPct();
            if (workers.get(i).failure() == null && (h == null || h > pct)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyAtMax(List<LaneWorker> workers, List<LaneTally> tallies, Plan plan) {
        for (int i = 0; i < tallies.size(); i++) {
            if (workers.get(i).failure() == null && (tallies.get(i).timedSeconds() >= plan.maxSeconds()
                    || tallies.get(i).runs() >= MAX_SAMPLES)) {
                return true;
            }
        }
        return false;
    }
}

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
 * Runs the lanes' current worker processes in interleaved rounds: every round times each live lane for
 * {@code roundSeconds}, in an order shuffled per round from a recorded seed, so drift, heat and background load hit
 * every lane alike (as TFLite's benchmark_model_performance_options shuffles its runs). One call runs one fork (one
 * set of worker processes); its targets are the {@code share} of the lanes' runs, min_seconds and max_seconds that
 * the forks so far should have reached. Stops when every lane has its share of runs and min_seconds and at least
 * {@link #MIN_ROUNDS_PER_PROCESS} rounds in this process (and, with --until-ci, its interval), or when a lane
 * reaches its share of max_seconds, or at {@link #MAX_ROUNDS}.
 */
final class InterleavedRounds {
    static final double DEFAULT_ROUND_SECONDS = 0.2;
    /**
     * Rounds every worker process runs at least (unless max_seconds ends the lane first): a process's verdict
     * statistic is its median round ratio, which shrugs off a burst of load that hit one lane's round only when
     * there are several rounds (measured here, load average 27: with 1-2 rounds per process an A/A compare said
     * "1.86x faster").
     */
    static final int MIN_ROUNDS_PER_PROCESS = 5;

    static final int MAX_ROUNDS = 10_000;
    static final int MAX_SAMPLES = BenchParams.MAX_RUNS;

    /** How long to interleave and when to stop; the bounds are those of the lanes' BenchParams, scaled by share. */
    record Plan(
            double roundSeconds,
            int minRuns,
            double minSeconds,
            double maxSeconds,
            Double untilCiPct,
            long seed,
            Duration grace) {
        /** The cumulative targets after this share of the forks (1: the whole comparison); max_seconds stays. */
        Plan share(double share, boolean withUntilCi) {
            return new Plan(
                    roundSeconds,
                    (int) Math.ceil(minRuns * share),
                    minSeconds * share,
                    maxSeconds * Math.min(1, share),
                    withUntilCi ? untilCiPct : null,
                    seed,
                    grace);
        }
    }

    /** What ran over every fork: the seed and order of every round, each lane's tally, why the last fork stopped. */
    record Outcome(long seed, double roundSeconds, List<List<Integer>> orders, List<LaneTally> tallies, End end) {}

    /** Why a fork's rounds stopped. */
    enum Stop {
        /** Every live lane had its runs, min_seconds and rounds per process (--until-ci off). */
        ALL_RUNS,
        /** As ALL_RUNS, and every live lane's p50 interval was within --until-ci. */
        CI_REACHED,
        /** A lane reached max_seconds of timed rounds. */
        MAX_SECONDS,
        /** A lane reached {@link #MAX_SAMPLES} latencies. */
        MAX_SAMPLES,
        /** {@link #MAX_ROUNDS} rounds ran in this process. */
        MAX_ROUNDS,
        /** No lane answered a round: every lane failed (or the comparison was cancelled). */
        NO_LANE_LEFT
    }

    /**
     * Why a fork's rounds stopped, and the lane whose bound stopped them (-1 when no single lane did).
     *
     * @param maxSeconds the max_seconds of that fork (its share of the lanes' max_seconds)
     */
    record End(Stop stop, int lane, double maxSeconds) {
        /**
         * Why lane {@code self} (its {@code tally}) got fewer runs than asked, for its invalid reasons; null when it
         * got them all or the stop does not explain a shortfall (none answered: a lane's failure says why). A lane
         * that reached max_seconds itself says so, also when another lane's reaching it ended the rounds.
         */
        String shortfall(int self, List<String> labels, LaneTally tally, int asked) {
            int runs = tally.runs();
            if (runs >= asked) {
                return null;
            }
            String after = " after " + runs + " of " + asked + " runs";
            boolean own = lane < 0 || lane == self || stop == Stop.MAX_SECONDS && tally.timedSeconds() >= maxSeconds;
            String by = own ? "" : "lane [" + labels.get(lane) + "] ";
            return switch (stop) {
                case MAX_SECONDS ->
                    by.isEmpty()
                            ? "max_seconds [" + maxSeconds + "] reached" + after
                            : "stopped" + after + ": " + by + "reached max_seconds [" + maxSeconds + "]";
                case MAX_SAMPLES -> "stopped" + after + ": " + by + "reached the cap of " + MAX_SAMPLES + " latencies";
                case MAX_ROUNDS -> "stopped" + after + ": " + MAX_ROUNDS + " rounds ran in one worker process";
                case ALL_RUNS, CI_REACHED, NO_LANE_LEFT -> null;
            };
        }
    }

    private InterleavedRounds() {}

    /** One fork's rounds, appended to {@code tallies} and {@code orders}; why they stopped. */
    static End run(
            List<LaneWorker> workers,
            List<LaneTally> tallies,
            List<List<Integer>> orders,
            Random shuffle,
            Plan plan,
            Consumer<String> progress,
            BenchListener listener,
            BooleanSupplier cancelled) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            order.add(i);
        }
        Duration timeout =
                Duration.ofMillis(Math.round(plan.roundSeconds() * 1000)).plus(plan.grace());
        End end = new End(Stop.MAX_ROUNDS, -1, plan.maxSeconds());
        int first = orders.size();
        for (int round = first; round < first + MAX_ROUNDS; round++) {
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
                end = new End(Stop.NO_LANE_LEFT, -1, plan.maxSeconds());
                break;
            }
            if (round < 5 || (round + 1) % 10 == 0) { // a long comparison should not print hundreds of lines
                progress.accept("round " + (round + 1) + " order " + ran);
            }
            report(listener, tallies, plan, ran.size());
            boolean ciReached = plan.untilCiPct() == null || allWithin(workers, tallies, plan.untilCiPct());
            if (enough(workers, tallies, plan) && ciReached) {
                end = new End(plan.untilCiPct() == null ? Stop.ALL_RUNS : Stop.CI_REACHED, -1, plan.maxSeconds());
                break;
            }
            int atMax = atMax(workers, tallies, plan);
            if (atMax >= 0) {
                Stop stop = tallies.get(atMax).runs() >= MAX_SAMPLES ? Stop.MAX_SAMPLES : Stop.MAX_SECONDS;
                end = new End(stop, atMax, plan.maxSeconds());
                break;
            }
        }
        return end;
    }

    /** The slowest lane's runs so far against the run target, and the time left if min_seconds still binds. */
    private static void report(BenchListener listener, List<LaneTally> tallies, Plan plan, int lanes) {
        long fewest = tallies.stream().mapToLong(LaneTally::runs).min().orElse(0);
        double shortest =
                tallies.stream().mapToDouble(LaneTally::timedSeconds).min().orElse(0);
        double left = Math.max(0, plan.minSeconds() - shortest) * lanes;
        listener.onRuns(fewest, plan.minRuns(), left);
    }

    private static boolean enough(List<LaneWorker> workers, List<LaneTally> tallies, Plan plan) {
        for (int i = 0; i < tallies.size(); i++) {
            LaneTally t = tallies.get(i);
            if (workers.get(i).failure() == null
                    && (t.runs() < plan.minRuns()
                            || t.timedSeconds() < plan.minSeconds()
                            || t.roundsInProcess() < MIN_ROUNDS_PER_PROCESS)
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

    static boolean anyAtMax(List<LaneWorker> workers, List<LaneTally> tallies, Plan plan) {
        return atMax(workers, tallies, plan) >= 0;
    }

    /** The first live lane at max_seconds or at the sample cap; -1 when none is. */
    private static int atMax(List<LaneWorker> workers, List<LaneTally> tallies, Plan plan) {
        for (int i = 0; i < tallies.size(); i++) {
            if (workers.get(i).failure() == null
                    && (tallies.get(i).timedSeconds() >= plan.maxSeconds()
                            || tallies.get(i).runs() >= MAX_SAMPLES)) {
                return i;
            }
        }
        return -1;
    }
}

package io.edgebench.worker;

import io.edgebench.results.BenchParams;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.RateOutcome;
import io.edgebench.results.UntilCi;
import io.edgebench.runtime.ModelSession;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.DependentQuantile;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The timed loops. Closed loop: back-to-back runs until (runs and min_seconds, and the --until-ci target when set)
 * or max_seconds or MAX_RUNS. Open loop (--rate): runs start at scheduled arrivals and latency counts from the
 * arrival. Only session.run() lies between two System.nanoTime() readings; the CI check (a sort of a copy) runs
 * between runs at most every {@link #CI_CHECK_NS}, never inside a measured interval, and its time is kept apart
 * ({@link Window#checkNs}) so that throughput leaves it out. The closed loop writes into a caller's array, so a worker
 * that times many rounds allocates it once.
 */
final class TimedLoop {
    static final long CI_CHECK_NS = 250_000_000L;
    /** Park until this close to the arrival, then spin: parkNanos overshoots by tens of microseconds. */
    private static final long SPIN_NS = 200_000L;

    /**
     * The raw samples of one window: latencies[0..n), and for rate runs the scheduling figures; {@code checkNs} is
     * the time the --until-ci checks took inside [startNs, endNs), which is not inference time.
     */
    record Window(long[] latencies, int n, long startNs, long endNs, long checkNs, RateOutcome rate, UntilCi untilCi) {
        /** Inferences per second over the window without the CI checks. */
        double throughputIps() {
            return n / ((endNs - startNs - checkNs) / 1e9);
        }
    }

    private TimedLoop() {}

    static Window closed(
            ModelSession session,
            int target,
            double minSeconds,
            double maxSeconds,
            Double untilCiPct,
            AtomicLong runsDone) {
        return closed(
                session,
                new long[BenchParams.MAX_RUNS],
                target,
                minSeconds,
                maxSeconds,
                untilCiPct,
                runsDone,
                () -> false);
    }

    /**
     * Into {@code latencies} (its length bounds the runs; the caller's array is reused across windows). While
     * {@code holdOpen} is true the loop goes on past its targets (--energy-accuracy), never past max.
     */
    static Window closed(
            ModelSession session,
            long[] latencies,
            int target,
            double minSeconds,
            double maxSeconds,
            Double untilCiPct,
            AtomicLong runsDone,
            BooleanSupplier holdOpen) {
        long minNs = (long) (minSeconds * 1e9);
        long maxNs = (long) (maxSeconds * 1e9);
        int n = 0;
        Double halfWidth = null;
        long lastCheck = 0;
        long checkNs = 0;
        long windowStart = System.nanoTime();
        long end = windowStart;
        while (true) {
            long start = System.nanoTime();
            session.run();
            end = System.nanoTime();
            latencies[n++] = end - start;
            runsDone.setRelease(n);
            long elapsed = end - windowStart;
            if (elapsed >= maxNs || n == latencies.length) {
                break;
            }
            if (n >= target && elapsed >= minNs && !holdOpen.getAsBoolean()) {
                if (untilCiPct == null) {
                    break;
                }
                if (end - lastCheck >= CI_CHECK_NS) {
                    halfWidth = halfWidthPct(latencies, n);
                    if (halfWidth != null && halfWidth <= untilCiPct) {
                        break; // the window ends at the last run, before this check
                    }
                    lastCheck = System.nanoTime();
                    checkNs += lastCheck - end;
                }
            }
        }
        UntilCi until = null;
        if (untilCiPct != null) {
            halfWidth = halfWidthPct(latencies, n);
            until = new UntilCi(untilCiPct, halfWidth, halfWidth != null && halfWidth <= untilCiPct);
        }
        return new Window(latencies, n, windowStart, end, checkNs, null, until);
    }

    /** Half-width of the p50's 95 % CI in percent of the p50, or null with too few runs for an interval. */
    static Double halfWidthPct(long[] latencies, int n) {
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        ConfidenceInterval ci = DependentQuantile.quantileUs(latencies, sorted, n, 0.5, LatencyStats.LEVEL);
        return ci == null ? null : ci.halfWidthPct(LatencyStats.rankUs(sorted, 50));
    }

    /**
     * Open loop: arrival i is scheduled at start + i/rate (or after exponential gaps, seeded), the run starts at
     * the arrival or as soon as the previous run ends, and its latency is end - arrival. A run that ends later than
     * one mean period after its arrival missed its deadline. {@code holdOpen} keeps the loop going past its targets
     * (--energy-accuracy; see {@link StopSignal}).
     */
    static Window rate(
            ModelSession session,
            int target,
            double minSeconds,
            double maxSeconds,
            double rateHz,
            boolean poisson,
            long seed,
            AtomicLong runsDone,
            BooleanSupplier holdOpen) {
        long[] latencies = new long[BenchParams.MAX_RUNS];
        long[] service = new long[BenchParams.MAX_RUNS];
        long minNs = (long) (minSeconds * 1e9);
        long maxNs = (long) (maxSeconds * 1e9);
        double periodNs = 1e9 / rateHz;
        SplittableRandom gaps = new SplittableRandom(seed);
        int n = 0;
        long missed = 0;
        double queueSum = 0;
        long queueMax = 0;
        long windowStart = System.nanoTime();
        double arrival = windowStart;
        long end = windowStart;
        while (true) {
            long scheduled = (long) arrival;
            waitUntil(scheduled);
            long start = System.nanoTime();
            session.run();
            end = System.nanoTime();
            latencies[n] = end - scheduled;
            service[n] = end - start;
            long queued = Math.max(0, start - scheduled);
            queueSum += queued;
            queueMax = Math.max(queueMax, queued);
            missed += latencies[n] > periodNs ? 1 : 0;
            n++;
            runsDone.setRelease(n);
            long elapsed = end - windowStart;
            if ((n >= target && elapsed >= minNs && !holdOpen.getAsBoolean())
                    || elapsed >= maxNs
                    || n == latencies.length) {
                break;
            }
            arrival += poisson ? -Math.log(1 - gaps.nextDouble()) * periodNs : periodNs;
        }
        long[] sortedService = Arrays.copyOf(service, n);
        Arrays.sort(sortedService);
        RateOutcome outcome = new RateOutcome(
                rateHz,
                poisson,
                n,
                missed,
                queueSum / n / 1e3,
                queueMax / 1e3,
                LatencyStats.rankUs(sortedService, 50),
                n / ((end - windowStart) / 1e9));
        return new Window(latencies, n, windowStart, end, 0, outcome, null);
    }

    private static void waitUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            if (left > SPIN_NS) {
                LockSupport.parkNanos(left - SPIN_NS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}

package io.edgebench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded model of one compare of two lanes as the board measures it: each lane runs in {@code processes} worker
 * processes, each process times {@code rounds} rounds of {@code samples} runs, the two lanes alternate inside every
 * round in shuffled order. Log latency = ln(true p50) + process effect + AR(1) noise (continuous over a process's
 * runs) + drift that grows with wall time. Returns the per-round log ratios of the p50s, grouped by process, as
 * compare computes them.
 *
 * @param rho lag-1 autocorrelation of consecutive runs' log latency
 * @param noise stationary standard deviation of that noise (log scale)
 * @param offsetPct each process's latency is off by a uniform 1x..2x this percentage, random sign (0: none)
 * @param slowMode with probability {@code slowShare} a process runs this factor slower (1: unimodal)
 * @param driftPctPerRound latency drifts up by this percentage per round, over wall time, for both lanes
 */
record SimulatedCompare(
        int processes,
        int rounds,
        int samples,
        double rho,
        double noise,
        double offsetPct,
        double slowMode,
        double slowShare,
        double driftPctPerRound) {

    static SimulatedCompare iid() {
        return new SimulatedCompare(3, 10, 100, 0, 0.05, 0, 1, 0, 0);
    }

    SimulatedCompare with(double rho, double offsetPct, double slowMode, double slowShare, double drift) {
        return new SimulatedCompare(processes, rounds, samples, rho, noise, offsetPct, slowMode, slowShare, drift);
    }

    SimulatedCompare processes(int n) {
        return new SimulatedCompare(n, rounds, samples, rho, noise, offsetPct, slowMode, slowShare, driftPctPerRound);
    }

    /** One compare of lane B (true p50 = ratio x lane A's) against lane A: ln(p50 B / p50 A) per round. */
    List<double[]> logRatios(double ratio, SplittableRandom r) {
        List<double[]> out = new ArrayList<>();
        double time = 0; // in rounds
        for (int f = 0; f < processes; f++) {
            double[] level = {process(r), process(r) + Math.log(ratio)};
            double[] ar = {gaussian(r) * noise, gaussian(r) * noise};
            double[] logs = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                boolean aFirst = r.nextBoolean();
                double[] p50 = new double[2];
                for (int slot = 0; slot < 2; slot++) {
                    int lane = aFirst == (slot == 0) ? 0 : 1;
                    double drift = Math.log1p(driftPctPerRound / 100) * (time + slot * 0.5);
                    double[] x = new double[samples];
                    for (int s = 0; s < samples; s++) {
                        ar[lane] = rho * ar[lane] + Math.sqrt(1 - rho * rho) * noise * gaussian(r);
                        x[s] = level[lane] + ar[lane] + drift;
                    }
                    Arrays.sort(x);
                    p50[lane] = x[(samples + 1) / 2 - 1];
                }
                logs[k] = p50[1] - p50[0];
                time += 1;
            }
            out.add(logs);
        }
        return out;
    }

    private double process(SplittableRandom r) {
        double offset =
                offsetPct == 0 ? 0 : (r.nextBoolean() ? 1 : -1) * Math.log1p(offsetPct * (1 + r.nextDouble()) / 100);
        return offset + (r.nextDouble() < slowShare ? Math.log(slowMode) : 0);
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

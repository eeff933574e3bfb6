package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.BenchResult.TimedWindow;
import io.edgebench.results.PowerAccuracy;
import io.edgebench.stats.RatioEstimate;
import io.edgebench.telemetry.RoundPower;
import io.edgebench.worker.RoundReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each lane's per-round energy per inference from its rounds' windows, the "not measured" line with the numbers when
 * rounds are too short for the source, and the energy ratio's interval widened for the source's offset.
 */
class RoundEnergyTest {
    private static final PowerAccuracy OFFSET = new PowerAccuracy("test meter", 2, 0.1, "assumed for the test");

    /** A lane with {@code rounds} rounds of {@code seconds} each, {@code n} inferences each, starting at t0. */
    private static LaneTally lane(int rounds, double seconds, int n, long t0) {
        LaneTally t = new LaneTally();
        t.newProcess();
        long at = t0;
        for (int k = 0; k < rounds; k++) {
            long end = at + Math.round(seconds * 1e9);
            long[] lat = new long[n];
            java.util.Arrays.fill(lat, 1_000_000L);
            t.add(new RoundReport(lat, new TimedWindow(at, end), null, null));
            at = end + 1_000_000_000L;
        }
        return t;
    }

    @Test
    void of_energyPerInferenceIsTheWindowsEnergyOverItsInferences() {
        RoundPower.Source src = new RoundPower.Source("hwmon", 50, false, 0, PowerAccuracy.UNSPECIFIED);
        // 5 W constant: a 0.2 s window holds 1000 mJ
        RoundEnergy e = RoundEnergy.of(
                List.of(lane(3, 0.2, 100, 0), lane(3, 0.2, 50, 0)),
                src,
                (a, b) -> new RoundPower.Window(5 * (b - a) * 1e-6, 10, true),
                0.2,
                150);
        assertNull(e.notResolvable());
        assertEquals(10, e.perInference(0).get(0).get(0)[0], 1e-6);
        assertEquals(20, e.perInference(0).get(1).get(0)[2], 1e-6);
        // +0.5 W through a 0.2 s window: 100 mJ more over 100 inferences
        assertEquals(11, e.perInference(0.5).get(0).get(0)[1], 1e-6);
    }

    @Test
    void of_tooFewReadings_saysWhichSourceRateAndRoundLengthWouldDo() {
        RoundPower.Source src = new RoundPower.Source("ina2xx", 10, false, 0, PowerAccuracy.UNSPECIFIED);
        RoundEnergy e = RoundEnergy.of(
                List.of(lane(5, 0.2, 100, 0), lane(5, 0.2, 100, 0)),
                src,
                (a, b) -> new RoundPower.Window(1000, 2, false),
                0.2,
                150);
        assertEquals(
                "energy per inference: not measured: rounds not resolvable: ina2xx at 10 Hz with 0.2 s rounds gave"
                        + " fewer than 3 readings in 10 of 10 rounds (fewest 2); needs rounds of at least 0.35 s"
                        + " (compare lengthens its rounds for the source's rate, up to --max-seconds [150])",
                e.notResolvable());
    }

    @Test
    void of_offsetLimitAboveTheBoardsPower_hasNoBoundAndSaysSo() {
        RoundPower.Source src = new RoundPower.Source(
                "plug", 50, false, 0, new PowerAccuracy("plug class", 1, 0.5, "assumed for the test"));
        // 0.4 W through 0.2 s windows: subtracting the 0.5 W offset limit leaves no energy
        RoundEnergy e = RoundEnergy.of(
                List.of(lane(3, 0.2, 100, 0), lane(3, 0.2, 100, 0)),
                src,
                (a, b) -> new RoundPower.Window(0.4 * (b - a) * 1e-6, 10, true),
                0.2,
                150);
        assertEquals(
                "energy per inference: not measured: plug's offset limit (+-0.5 W, plug class) is not small against"
                        + " the board's power (lowest round mean 0.4 W): the energy ratio has no bound",
                e.notResolvable());
    }

    @Test
    void widen_offsetInBothDirections_spansTheBoundsAndSaysSo() {
        RoundPower.Source src = new RoundPower.Source("ina2xx", 50, false, 0, OFFSET);
        RoundEnergy e = new RoundEnergy(src, List.of(), List.of(), List.of(), null);
        RatioEstimate center = estimate(1.00, 1.10, 1.20);
        RatioEstimate w = e.widen(center, estimate(1.02, 1.12, 1.22), estimate(0.98, 1.08, 1.18));
        assertEquals(1.10, w.ratio(), 1e-12);
        assertEquals(0.98, w.low(), 1e-12);
        assertEquals(1.22, w.high(), 1e-12);
        assertEquals(RatioEstimate.Outcome.INCONCLUSIVE, w.outcome()); // 0.98 < 1: not different any more
        assertTrue(w.method().contains("its offset (+-0.1 W, test meter) does not"), w.method());
        assertTrue(w.method().contains("gain error (2 %) cancels"), w.method());
    }

    private static RatioEstimate estimate(double low, double ratio, double high) {
        return new RatioEstimate(
                ratio,
                low,
                high,
                0.95,
                "e",
                RatioEstimate.Outcome.DIFFERENT,
                3,
                low,
                high,
                3,
                30,
                0,
                false,
                null,
                null,
                "m");
    }

    /**
     * Simulated dependent rounds on a meter whose offset sits at its limit (the worst case): board load shared by the
     * two lanes of a round as AR(1) (rho 0.9) over rounds, per-process offsets of 1 %, lane noise of 2 %; 1,000
     * compares of 3 processes x 10 rounds. The widened interval must cover the true ratio at least 93 % of the time,
     * and not so wide that it always does (at most 99 %).
     */
    @Test
    void widened_interval_coversTrueEnergyRatio_onDependentRounds() {
        double idleW = 2;
        double offsetW = 0.1;
        RoundPower.Source src =
                new RoundPower.Source("sim", 50, false, 0, new PowerAccuracy("sim", 0, offsetW, "the simulation's"));
        SplittableRandom rnd = new SplittableRandom(11);
        double tA = 1e-3; // seconds per inference
        double tB = 1.25e-3;
        double pA = idleW + 1.0; // watts while each lane runs
        double pB = idleW + 0.9;
        double truth = (pB * tB) / (pA * tA); // energy per inference of B over A
        int covered = 0;
        int compares = 1000;
        for (int c = 0; c < compares; c++) {
            List<List<double[]>> mj = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
            List<List<double[]>> secs = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
            List<List<double[]>> inf = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
            for (int f = 0; f < 3; f++) {
                double procA = 0.01 * rnd.nextGaussian();
                double procB = 0.01 * rnd.nextGaussian();
                double load = 0;
                double[][] e = new double[2][10];
                double[][] s = new double[2][10];
                double[][] n = new double[2][10];
                for (int k = 0; k < 10; k++) {
                    load = 0.9 * load + Math.sqrt(1 - 0.81) * 0.05 * rnd.nextGaussian();
                    double[] p = {
                        pA * Math.exp(load + procA + 0.02 * rnd.nextGaussian()),
                        pB * Math.exp(load + procB + 0.02 * rnd.nextGaussian())
                    };
                    double[] t = {tA, tB};
                    for (int l = 0; l < 2; l++) {
                        s[l][k] = 0.2;
                        n[l][k] = Math.floor(0.2 / t[l]);
                        // the meter reads offsetW high all along; the lane's own work scales with inferences
                        e[l][k] = (p[l] * n[l][k] * t[l] + offsetW * 0.2) * 1e3;
                    }
                }
                for (int l = 0; l < 2; l++) {
                    mj.get(l).add(e[l]);
                    secs.get(l).add(s[l]);
                    inf.get(l).add(n[l]);
                }
            }
            RoundEnergy re = new RoundEnergy(src, mj, secs, inf, null);
            RatioEstimate[] r = new RatioEstimate[3];
            double[] offsets = {0, offsetW, -offsetW};
            for (int i = 0; i < 3; i++) {
                List<List<double[]>> per = re.perInference(offsets[i]);
                r[i] = RatioEstimate.of("e", Verdicts.logRatios(per.get(1), per.get(0)), 3);
            }
            covered += re.widen(r[0], r[1], r[2]).contains(truth) ? 1 : 0;
        }
        System.out.println("energy ratio coverage, offset at its limit: " + covered + " of " + compares);
        assertTrue(covered >= 930 && covered <= 990, "covered " + covered + " of " + compares);
    }
}

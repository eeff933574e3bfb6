package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.EnergyReport;
import io.edgebench.results.PowerAccuracy;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stated uncertainty and the gaps, on synthetic tracks with known truth. */
class EnergyEstimatorTest {
    static final long S = 1_000_000_000L;

    static Track track(double hz, double seconds, java.util.function.DoubleUnaryOperator watts) {
        int n = (int) Math.round(seconds * hz) + 1;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.round(i * S / hz);
            v[i] = watts.applyAsDouble(t[i] / (double) S);
        }
        return Track.of(t, v);
    }

    static EnergyEstimator.Source plug(double resolutionW) {
        return plug(resolutionW, PowerAccuracy.UNSPECIFIED);
    }

    static EnergyEstimator.Source plug(double resolutionW, PowerAccuracy accuracy) {
        return new EnergyEstimator.Source(
                "mqtt_power", "test plug", resolutionW, 0, 0.3, Duration.ofSeconds(5), accuracy);
    }

    @Test
    void noisyPlug_uncertaintyCoversTheTruth_in95PercentOfRuns() {
        // 1 Hz readings of a 4 W board with 0.5 W of fast noise the plug only samples: over 200 seeded runs the
        // stated 95 % interval must contain the true 60 s energy (4 W x 60 s) about 95 % of the time
        int covered = 0;
        for (int seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            Track p = track(1, 80, s -> Math.round((4 + 0.5 * r.nextGaussian()) * 100) / 100.0);
            long ws = 10 * S;
            long we = 70 * S;
            double total = p.integral(ws, we) * 1e-6;
            EnergyReport e = EnergyEstimator.estimate(plug(0.01), p, false, 0, 10 * S, ws, we, 1000, total, 4.0, null);
            double truthPerInf = 4.0 * 60 * 1e3 / 1000;
            covered += Math.abs(e.energyPerInferenceMj() - truthPerInf) <= e.energyPerInferenceUncertaintyMj() ? 1 : 0;
        }
        assertTrue(covered >= 180 && covered <= 200, covered + " of 200 covered");
    }

    @Test
    void resolution_isCorrelated_doesNotShrinkWithLength() {
        Track p = track(1, 400, s -> 5.0); // a constant 5 W read by a 1 W plug: no noise to average it away
        EnergyReport shortRun = EnergyEstimator.estimate(
                plug(1.0), p, false, 0, 0, 10 * S, 40 * S, 100, p.integral(10 * S, 40 * S) * 1e-6, null, null);
        EnergyReport longRun = EnergyEstimator.estimate(
                plug(1.0), p, false, 0, 0, 10 * S, 390 * S, 1267, p.integral(10 * S, 390 * S) * 1e-6, null, null);
        // 1 W / sqrt(12) of 5 W, times 1.96: 11.3 % however long the run
        assertEquals(11.3, shortRun.relativeUncertaintyPct(), 0.1);
        assertEquals(11.3, longRun.relativeUncertaintyPct(), 0.1);
        assertNull(longRun.energyPerInferenceNetOfIdleMj(), "no idle figure given: no net figure");
    }

    @Test
    void fewReadings_uncertaintyUnknown_notZero() {
        Track p = track(1, 20, s -> 4.0);
        EnergyReport e = EnergyEstimator.estimate(
                plug(0.01),
                p,
                false,
                0,
                0,
                5 * S + S / 2,
                7 * S + S / 2,
                10,
                p.integral(5 * S + S / 2, 7 * S + S / 2) * 1e-6,
                null,
                null);
        assertEquals(2, e.powerReadings());
        assertNull(e.energyPerInferenceUncertaintyMj());
        assertTrue(e.text().endsWith("(uncertainty unknown)"), e.text());
    }

    @Test
    void gaps_silenceInsideAndAtTheEnd_areNamed_andEnergyIsInvalid() {
        long[] t = {0, S, 2 * S, 3 * S, 11 * S, 12 * S, 13 * S};
        double[] v = {4, 4, 4, 4, 4, 4, 4};
        Track p = Track.of(t, v);
        assertEquals(List.of(new EnergyReport.Gap(1.0, 9.0)), EnergyEstimator.gaps(p, 2 * S, 14 * S, 5 * S));
        assertEquals(
                List.of(new EnergyReport.Gap(1.0, 9.0), new EnergyReport.Gap(11.0, 18.0)),
                EnergyEstimator.gaps(p, 2 * S, 20 * S, 5 * S));
        assertEquals(List.of(), EnergyEstimator.gaps(p, 11 * S, 13 * S, 5 * S));
        EnergyReport e = EnergyEstimator.estimate(
                plug(0.01), p, false, 0, 0, 2 * S, 14 * S, 50, p.integral(2 * S, 14 * S) * 1e-6, null, null);
        assertFalse(e.valid());
        assertNull(e.energyPerInferenceMj());
        assertEquals(
                "no power data from 1.0 s to 9.0 s of the 12.0 s window (mqtt_power silent for more than 5 s);"
                        + " energy is not reported",
                e.invalidReasons().get(0));
    }

    @Test
    void netOfIdle_carriesTheBaselineSpread() {
        Random r = new Random(7);
        Track p = track(1, 70, s -> s < 10 ? 3 + 0.2 * r.nextGaussian() : 4 + 0.05 * r.nextGaussian());
        long ws = 10 * S;
        long we = 70 * S;
        EnergyReport e = EnergyEstimator.estimate(
                plug(0.01), p, false, 0, 9 * S + S / 2, ws, we, 600, p.integral(ws, we) * 1e-6, 3.0, null);
        assertNotNull(e.energyPerInferenceNetOfIdleUncertaintyMj());
        assertTrue(e.energyPerInferenceNetOfIdleUncertaintyMj() > e.energyPerInferenceUncertaintyMj(), e.toString());
        assertEquals(0.2, e.idleSpreadW(), 0.1);
    }

    @Test
    void coverage_studentT() {
        assertEquals(12.7062, EnergyUncertainty.coverage(1), 1e-4);
        assertEquals(12.7062, EnergyUncertainty.coverage(0.4), 1e-4);
        assertEquals(2.0423, EnergyUncertainty.coverage(30), 1e-4);
        assertEquals(1.9600, EnergyUncertainty.coverage(Double.POSITIVE_INFINITY), 1e-4);
    }

    /**
     * A plug whose own gain and offset errors are drawn within its class's limits (uniform, fixed for the run, as a
     * real meter's are), reading a noisy 4 W board: with the class in the interval, it covers the true energy about
     * 95 % of the time; without it, a biased meter's intervals miss far more often.
     */
    @Test
    void accuracyClass_meterErrorsWithinItsLimits_coveredAbout95Percent_bothBounds() {
        PowerAccuracy plugClass = new PowerAccuracy("test plug", 2.0, 0.05, "test");
        int withClass = 0;
        int without = 0;
        int runs = 1000;
        for (int seed = 0; seed < runs; seed++) {
            Random r = new Random(seed);
            double gain = 1 + (r.nextDouble() * 2 - 1) * 0.02;
            double offsetW = (r.nextDouble() * 2 - 1) * 0.05;
            Track p = track(1, 80, s -> Math.round(((4 + 0.5 * r.nextGaussian()) * gain + offsetW) * 100) / 100.0);
            long ws = 10 * S;
            long we = 70 * S;
            double total = p.integral(ws, we) * 1e-6;
            double truth = 4.0 * 60 * 1e3 / 1000;
            EnergyReport a = EnergyEstimator.estimate(
                    plug(0.01, plugClass), p, false, 0, 10 * S, ws, we, 1000, total, 4.0, null);
            EnergyReport b = EnergyEstimator.estimate(plug(0.01), p, false, 0, 10 * S, ws, we, 1000, total, 4.0, null);
            withClass += Math.abs(a.energyPerInferenceMj() - truth) <= a.energyPerInferenceUncertaintyMj() ? 1 : 0;
            without += Math.abs(b.energyPerInferenceMj() - truth) <= b.energyPerInferenceUncertaintyMj() ? 1 : 0;
        }
        assertTrue(withClass >= 930 && withClass <= 975, withClass + " of " + runs + " covered with the class");
        // without the class the interval holds only the sampling part: about 90 %, not 95 %
        assertTrue(without < 925, without + " of " + runs + " covered without it: the meter's bias is not in it");
        System.out.println("accuracy class coverage: " + withClass + " of " + runs + " with, " + without + " without");
    }

    @Test
    void accuracyClass_isInTheReport_andTheOffsetCancelsNetOfIdle() {
        Track p = track(1, 80, s -> s < 10 ? 3.0 : 4.0);
        PowerAccuracy offsetOnly = new PowerAccuracy("offset only", 0, 0.5, "test");
        EnergyReport e = EnergyEstimator.estimate(
                plug(0, offsetOnly),
                p,
                false,
                0,
                9 * S,
                10 * S,
                70 * S,
                600,
                p.integral(10 * S, 70 * S) * 1e-6,
                3.0,
                3.0);
        assertEquals(offsetOnly, e.sourceAccuracy());
        // 0.5 W / sqrt(3) over 60 s, times z(0.975) = 1.959964, per 600 inferences: 0.5/1.732*60e3*1.96/600 = 56.6
        // uJ... in mJ
        assertEquals(0.5 / Math.sqrt(3) * 60 * 1e3 * 1.959964 / 600, e.energyPerInferenceUncertaintyMj(), 1e-4);
        assertTrue(
                e.energyPerInferenceNetOfIdleUncertaintyMj() < e.energyPerInferenceUncertaintyMj() / 10,
                "the same offset is in the idle readings: " + e);
    }

    @Test
    void idleDrift_netSubtractsTheMeanOfBeforeAndAfter_andItsIntervalWidens() {
        Track p = track(1, 80, s -> s < 10 ? 3.0 : 4.0);
        long ws = 10 * S;
        long we = 70 * S;
        double total = p.integral(ws, we) * 1e-6;
        EnergyReport steady = EnergyEstimator.estimate(plug(0.01), p, false, 0, 9 * S, ws, we, 600, total, 3.0, 3.0);
        EnergyReport drifted = EnergyEstimator.estimate(plug(0.01), p, false, 0, 9 * S, ws, we, 600, total, 3.0, 3.4);
        assertEquals(0.4, drifted.idleDriftW(), 1e-12);
        assertEquals((total - 3.2 * 60 * 1e3) / 600, drifted.energyPerInferenceNetOfIdleMj(), 1e-9);
        // drift 0.4 W, rectangular over its full width: 0.4 / sqrt(12) W over 60 s, expanded by 1.96
        double driftU = 0.4 / Math.sqrt(12) * 60 * 1e3 / 600 * 1.96;
        double steadyU = steady.energyPerInferenceNetOfIdleUncertaintyMj();
        assertEquals(
                Math.sqrt(steadyU * steadyU + driftU * driftU),
                drifted.energyPerInferenceNetOfIdleUncertaintyMj(),
                0.02 * driftU);
        assertNull(
                EnergyEstimator.estimate(plug(0.01), p, false, 0, 9 * S, ws, we, 600, total, 3.0, null)
                        .idleDriftW(),
                "no baseline after the run: no drift figure");
    }
}

package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.HeatBlocks;
import io.edgebench.results.TemperatureDifference;
import io.edgebench.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class HeatVerdictsTest {

    @Test
    void order_twoLanes_isAbbaPerQuad() {
        assertEquals(List.of(0, 1, 1, 0, 0, 1, 1, 0), HeatVerdicts.order(2, 2));
    }

    @Test
    void order_threeLanes_isTheLanesThenReversed() {
        assertEquals(List.of(0, 1, 2, 2, 1, 0), HeatVerdicts.order(3, 1));
    }

    @Test
    void rise_isTheLastThirdsMeanMinusTheReadingBefore() {
        long[] ns = {0, 100, 150, 199, 200, 250, 300, 301};
        double[] c = {40, 41, 42, 43, 44, 46, 48, 99};
        // last third of [0, 300]: stamps 200..300, mean of 44, 46, 48 = 46
        assertEquals(6.0, HeatVerdicts.rise(ns, c, 0, 300, 40.0), 1e-12);
        assertTrue(Double.isNaN(HeatVerdicts.rise(new long[] {10}, new double[] {40}, 0, 300, 40)));
    }

    @Test
    void step_isTheSmallestChangeSeen() {
        assertEquals(0.5, HeatVerdicts.step(new double[] {41, 40, 41.5, 41, 43}), 1e-12);
        assertEquals(0.0, HeatVerdicts.step(new double[] {40, 40}), 0);
    }

    @Test
    void quadDifferences_linearDrift_cancelsForEqualLanes() {
        // equal lanes, every block's rise 3 °C plus a drift of 0.7 °C per block: ABBA leaves no difference
        HeatBlocks h = blocks(2, 3, k -> 3 + 0.7 * k, 0.0);
        for (double d : HeatVerdicts.quadDifferences(h, 0, 1)) {
            assertEquals(0.0, d, 1e-12);
        }
        // the same drift in lane order A B (no reversal) would have charged 0.7 °C to B in every quad
        HeatBlocks three = blocks(3, 2, k -> 3 + 0.7 * k, 0.0);
        for (double d : HeatVerdicts.quadDifferences(three, 0, 2)) {
            assertEquals(0.0, d, 1e-12);
        }
    }

    @Test
    void verdict_laneAHeatsLess_saysCoolerWithTheInterval() {
        Random rnd = new Random(7);
        // lane 0 rises 2 °C less than lane 1, with drift and a little noise
        HeatBlocks h = blocks(2, 4, k -> 0, 0.0);
        List<HeatBlocks.Block> bs = new ArrayList<>();
        for (HeatBlocks.Block b : h.blocks()) {
            double rise = (b.lane() == 0 ? 3 : 5) + 0.2 * b.order() + 0.2 * rnd.nextGaussian();
            bs.add(new HeatBlocks.Block(b.lane(), b.order(), b.quad(), 40, rise, true));
        }
        HeatBlocks withRises = new HeatBlocks("thermal", 0.0, 40, 1, 20, 4, bs, 0);
        TemperatureDifference t = HeatVerdicts.verdict(withRises, 0, 1);
        assertEquals(RatioEstimate.Outcome.DIFFERENT, t.outcome(), t.toString());
        assertTrue(t.lowC() <= t.differenceC() && t.differenceC() <= t.highC(), t.toString());
        assertTrue(t.lowC() > 1 && t.highC() < 3, t.toString());
        String s = HeatVerdicts.sentence("tflite:xnnpack", "tflite:cpu", t);
        assertTrue(
                s.matches("temperature: tflite:xnnpack runs \\d\\.\\d °C cooler than tflite:cpu \\(rise over idle,"
                        + " 95 % CI \\d\\.\\d to \\d\\.\\d °C; 4 ABBA quads, thermal, .*"),
                s);
    }

    @Test
    void verdict_widensByHalfTheSensorStep() {
        HeatBlocks exact = blocks(2, 3, k -> 2, 0.0);
        HeatBlocks stepped = blocks(2, 3, k -> 2, 1.0);
        TemperatureDifference e = HeatVerdicts.verdict(exact, 0, 1);
        TemperatureDifference s = HeatVerdicts.verdict(stepped, 0, 1);
        assertEquals(0.0, e.highC() - e.lowC(), 1e-12);
        assertEquals(1.0, s.highC() - s.lowC(), 1e-12);
        // identical lanes: equivalent within ±1 °C even with the step's ±0.5
        assertEquals(RatioEstimate.Outcome.EQUIVALENT, s.outcome(), s.toString());
        // the equivalence names the 90 % interval TOST decided on, not the 95 % one
        assertTrue(s.equivalenceLowC() >= s.lowC() && s.equivalenceHighC() <= s.highC(), s.toString());
        String line = HeatVerdicts.sentence("a", "b", s);
        assertTrue(
                line.contains(String.format(
                        java.util.Locale.ROOT, "90 %% CI %.1f to %.1f °C", s.equivalenceLowC(), s.equivalenceHighC())),
                line);
    }

    @Test
    void verdict_aBlockWithoutRise_isNull() {
        assertNull(HeatVerdicts.verdict(blocks(2, 2, k -> Double.NaN, 0.0), 0, 1));
    }

    /**
     * Coverage of the 95 % interval on simulated blocks: lane 1 rises 1.5 °C more than lane 0; every block adds a
     * linear drift and AR(1) noise (phi 0.6 from one block to the next: a warm board stays warm). 4 quads (3 df).
     */
    @Test
    void verdict_coverageOnDriftingAutocorrelatedBlocks_isNear95Percent() {
        Random rnd = new Random(20);
        int sims = 2000;
        int covered = 0;
        int quads = 4;
        for (int s = 0; s < sims; s++) {
            List<Integer> order = HeatVerdicts.order(2, quads);
            List<HeatBlocks.Block> bs = new ArrayList<>();
            double noise = 0;
            for (int k = 0; k < order.size(); k++) {
                noise = 0.6 * noise + 0.5 * rnd.nextGaussian();
                int lane = order.get(k);
                double rise = 4 + (lane == 1 ? 1.5 : 0) + 0.15 * k + noise;
                bs.add(new HeatBlocks.Block(lane, k, k / 4, 40, rise, true));
            }
            TemperatureDifference t = HeatVerdicts.verdict(new HeatBlocks("sim", 0, 40, 1, 20, quads, bs, 0), 0, 1);
            covered += t.lowC() <= 1.5 && 1.5 <= t.highC() ? 1 : 0;
        }
        System.out.printf("heat interval coverage: %d of %d%n", covered, sims);
        assertTrue(covered >= 0.93 * sims && covered <= 0.97 * sims, covered + " of " + sims);
    }

    private static HeatBlocks blocks(int lanes, int quads, IntToDoubleFunction rise, double stepC) {
        List<Integer> order = HeatVerdicts.order(lanes, quads);
        List<HeatBlocks.Block> bs = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            bs.add(new HeatBlocks.Block(order.get(k), k, k / (2 * lanes), 40, rise.applyAsDouble(k), true));
        }
        return new HeatBlocks("thermal", stepC, 40, 1, 20, quads, bs, 0);
    }
}

package io.edgebench.compare;

import io.edgebench.results.PairVerdict;
import io.edgebench.results.SweepVerdict;
import io.edgebench.results.Lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Verdict sentences, the sweep's fastest lane and Pareto front, and energy ratios on synthetic samples. */
class VerdictsTest {
    private static double[] latencies(long seed, int n, double medianUs) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u1 = r.nextDouble();
            double u2 = r.nextDouble();
            double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            v[i] = medianUs * Math.exp(0.2 * z);
        }
        return v;
    }

    private static double[] energy(long seed, int rounds, double meanMj) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            v[i] = meanMj * (0.95 + 0.1 * r.nextDouble());
        }
        return v;
    }

    private static Verdicts.LaneSamples lane(String name, double[] us, double[] mj, long rss) {
        return new Verdicts.LaneSamples(name, us, null, mj, rss);
    }

    @Test
    void pair_fasterSecondLane_namedFirstInTheSentence() {
        var a = lane("onnx:cpu", latencies(1, 2000, 1840), null, 100L << 20);
        var b = lane("tflite:xnnpack", latencies(2, 2000, 1000), null, 120L << 20);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 2000, 3).get(0);
        assertTrue(v.text().startsWith("tflite:xnnpack is 1.8"), v.text());
        assertTrue(v.text().contains("x faster than onnx:cpu at p50 (95 % CI 1."), v.text());
        assertTrue(v.speedup().high() < 1, "speedup of a over b is below 1: " + v.speedup());
        assertNull(v.energyRatio());
    }

    @Test
    void pair_sameDistribution_noSignificantDifference() {
        var a = lane("tflite:xnnpack #1", latencies(4, 500, 1000), null, 1L);
        var b = lane("tflite:xnnpack #2", latencies(5, 500, 1000), null, 1L);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 2000, 3).get(0);
        assertTrue(v.text().startsWith("tflite:xnnpack #1 vs tflite:xnnpack #2: no significant difference at p50"
                + " (ratio "), v.text());
    }

    @Test
    void pair_withEnergy_bootstrapsTheEnergyRatioToo() {
        var a = lane("a", latencies(6, 500, 1000), energy(7, 20, 3.0), 1L);
        var b = lane("b", latencies(8, 500, 1000), energy(9, 20, 2.0), 1L);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 2000, 3).get(0);
        assertNotNull(v.energyRatio());
        assertTrue(v.energyRatio().contains(2.0 / 3.0), v.energyRatio().toString());
        assertTrue(v.energyText().startsWith("b is 1.5"), v.energyText());
        assertTrue(v.energyRatio().method().contains("energy per inference"), v.energyRatio().method());
    }

    @Test
    void sweep_withoutEnergy_fastestAndLatencyByRssFront() {
        var slowSmall = lane("t1", latencies(10, 800, 2000), null, 90L << 20);
        var fastBig = lane("t2", latencies(11, 800, 1100), null, 130L << 20);
        var dominated = lane("t4", latencies(12, 800, 1500), null, 140L << 20);
        SweepVerdict s = Verdicts.sweep(List.of(slowSmall, fastBig, dominated), 2000, 1);
        assertEquals("t2", s.fastest().name());
        assertEquals(List.of("t1", "t2"), s.pareto().stream().map(SweepVerdict.Point::name).toList());
        assertEquals("p50 latency x peak RSS", s.paretoAxes());
        assertTrue(s.fastestOverRunnerUp().low() > 1, s.fastestOverRunnerUp().toString());
        assertNull(s.leastEnergy());
        assertTrue(s.text().get(0).startsWith("fastest: t2"), s.text().toString());
        assertTrue(s.text().get(1).startsWith("Pareto front (p50 latency x peak RSS): t1"), s.text().toString());
    }

    @Test
    void sweep_withEnergy_leastEnergyAndLatencyByEnergyFront() {
        var fast = lane("xnnpack", latencies(13, 800, 1000), energy(14, 10, 4.0), 1L);
        var frugal = lane("edgetpu", latencies(15, 800, 1500), energy(16, 10, 1.0), 1L);
        var worst = lane("cpu", latencies(17, 800, 3000), energy(18, 10, 5.0), 1L);
        SweepVerdict s = Verdicts.sweep(List.of(fast, frugal, worst), 2000, 1);
        assertEquals("edgetpu", s.leastEnergy().name());
        assertTrue(s.leastEnergy().energyCi().contains(1.0), s.leastEnergy().energyCi().toString());
        assertEquals("p50 latency x energy per inference", s.paretoAxes());
        assertEquals(List.of("xnnpack", "edgetpu"), s.pareto().stream().map(SweepVerdict.Point::name).toList());
    }

    @Test
    void shortNames_sameModelTwice_numbered() {
        var m = java.nio.file.Path.of("m.tflite");
        var lanes = List.of(new Lane(m, io.edgebench.results.RuntimeKind.TFLITE, io.edgebench.results.Delegate.XNNPACK),
                new Lane(m, io.edgebench.results.RuntimeKind.TFLITE, io.edgebench.results.Delegate.XNNPACK),
                new Lane(m, io.edgebench.results.RuntimeKind.TFLITE, io.edgebench.results.Delegate.CPU, 2));
        assertEquals(List.of("tflite:xnnpack #1", "tflite:xnnpack #2", "tflite:cpu threads=2"), Lane.shortNames(lanes));
    }
}

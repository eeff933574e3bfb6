package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.Lane;
import io.edgebench.results.PairVerdict;
import io.edgebench.results.SweepVerdict;
import io.edgebench.results.VerdictOptions;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Verdict sentences (three outcomes), the sweep's fastest lane and Pareto front, energy ratios, on synthetic rounds. */
class VerdictsTest {
    /** Per process, each round's value: median x process offset x round noise (log-normal), seeded. */
    private static List<double[]> rounds(long seed, int processes, int rounds, double median, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int f = 0; f < processes; f++) {
            double offset = Math.exp(0.005 * gaussian(r));
            double[] v = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                v[k] = median * offset * Math.exp(noise * gaussian(r));
            }
            out.add(v);
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static Verdicts.LaneSamples lane(String name, long seed, double medianUs, List<double[]> mj, long rss) {
        return new Verdicts.LaneSamples(name, medianUs, null, rounds(seed, 3, 10, medianUs, 0.02), mj, rss);
    }

    @Test
    void pair_fasterSecondLane_namedFirstInTheSentence() {
        var a = lane("onnx:cpu", 1, 1840, null, 100L << 20);
        var b = lane("tflite:xnnpack", 2, 1000, null, 120L << 20);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 3).get(0);
        assertTrue(v.text().startsWith("tflite:xnnpack is 1.8"), v.text());
        assertTrue(v.text().contains("x faster than onnx:cpu at p50 (95 % CI 1."), v.text());
        assertTrue(v.speedup().high() < 1, "speedup of a over b is below 1: " + v.speedup());
        assertEquals(RatioEstimate.Outcome.DIFFERENT, v.speedup().outcome());
        assertEquals(3, v.speedup().processes());
        assertNull(v.energyRatio());
    }

    @Test
    void pair_sameDistribution_equivalentWithinTheMargin() {
        var a = new Verdicts.LaneSamples("tflite:xnnpack #1", 1000, null, rounds(4, 3, 10, 1000, 0.005), null, 1L);
        var b = new Verdicts.LaneSamples("tflite:xnnpack #2", 1000, null, rounds(5, 3, 10, 1000, 0.005), null, 1L);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 3).get(0);
        assertTrue(
                v.text()
                        .startsWith("tflite:xnnpack #1 and tflite:xnnpack #2 are equivalent within +-3 % at p50"
                                + " (90 % CI 0.9"),
                v.text());
        assertTrue(v.text().contains(", TOST)"), v.text());
    }

    @Test
    void pair_noisyAndFewRounds_inconclusiveSaysHowManyMoreProcesses() {
        // with 3 processes the process is the unit of the interval: more processes decide, not more rounds
        var a = new Verdicts.LaneSamples("a", 1000, null, rounds(4, 3, 3, 1000, 0.08), null, 1L);
        var b = new Verdicts.LaneSamples("b", 1000, null, rounds(5, 3, 3, 1000, 0.08), null, 1L);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 1).get(0);
        assertEquals(RatioEstimate.Outcome.INCONCLUSIVE, v.speedup().outcome(), v.text());
        assertTrue(
                v.text()
                        .matches("a vs b at p50: inconclusive: 95 % CI 0\\.\\d\\d-1\\.\\d\\d; about \\d+ more worker"
                                + " processes \\(--forks \\d+\\) would decide"),
                v.text());
        int more = v.speedup().moreProcesses();
        assertTrue(
                v.text().contains("about " + more + " more worker processes (--forks " + (3 + more) + ")"), v.text());
        assertNull(v.speedup().moreRounds());
    }

    @Test
    void pair_oneProcessInconclusive_saysHowManyMoreRounds() {
        var a = new Verdicts.LaneSamples("a", 1000, null, rounds(4, 1, 6, 1000, 0.08), null, 1L);
        var b = new Verdicts.LaneSamples("b", 1000, null, rounds(5, 1, 6, 1000, 0.08), null, 1L);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 1).get(0);
        assertEquals(RatioEstimate.Outcome.INCONCLUSIVE, v.speedup().outcome(), v.text());
        assertTrue(
                v.text().matches("a vs b at p50: inconclusive: 95 % CI .*; about \\d+ more rounds would decide.*"),
                v.text());
        assertNull(v.speedup().moreProcesses());
    }

    @Test
    void sweep_pooledP50Interval_saysItHoldsWithinTheseProcesses() {
        ConfidenceInterval ci = new ConfidenceInterval(990, 1010, 0.95, "order statistics");
        var three = new Verdicts.LaneSamples("a", 1000, ci, rounds(1, 3, 10, 1000, 0.02), null, 1L);
        var other = new Verdicts.LaneSamples("b", 2000, ci, rounds(2, 3, 10, 2000, 0.02), null, 1L);
        SweepVerdict s = Verdicts.sweep(List.of(three, other), 3);
        assertTrue(
                s.text()
                        .get(0)
                        .startsWith("fastest: a, p50 1.000 ms (95 % CI 0.9900-1.010, within these 3 worker"
                                + " processes)"),
                s.text().toString());
        var one = new Verdicts.LaneSamples("a", 1000, ci, rounds(1, 1, 10, 1000, 0.02), null, 1L);
        var oneB = new Verdicts.LaneSamples("b", 2000, ci, rounds(2, 1, 10, 2000, 0.02), null, 1L);
        String single = Verdicts.sweep(List.of(one, oneB), 3).text().get(0);
        assertTrue(single.startsWith("fastest: a, p50 1.000 ms (95 % CI 0.9900-1.010);"), single);
    }

    @Test
    void looks_untilDecidedAtMostTenWithinMaxForks() {
        assertEquals(1, new VerdictOptions(3, 3, false).looks());
        assertEquals(VerdictOptions.MAX_LOOKS, new VerdictOptions(3, 3, true).looks());
        assertEquals(6, new VerdictOptions(45, 3, true).looks());
        assertEquals(1, new VerdictOptions(VerdictOptions.MAX_FORKS, 3, true).looks());
    }

    @Test
    void pair_untilDecidedLooks_levelsRaisedAndSaid() {
        var a = lane("onnx:cpu", 1, 1840, null, 100L << 20);
        var b = lane("tflite:xnnpack", 2, 1000, null, 120L << 20);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 3, 10).get(0);
        assertEquals(0.995, v.speedup().level(), 1e-12);
        assertTrue(v.text().contains("x faster than onnx:cpu at p50 (99.5 % CI "), v.text());
        assertTrue(
                v.speedup().method().contains("5 % / 10 (Bonferroni)"),
                v.speedup().method());
        PairVerdict once = Verdicts.pairs(List.of(a, b), 3).get(0);
        assertTrue(v.speedup().high() - v.speedup().low()
                > once.speedup().high() - once.speedup().low());
    }

    @Test
    void pair_oneProcess_saysVariationBetweenProcessesNotMeasured() {
        var a = new Verdicts.LaneSamples("a", 1000, null, rounds(6, 1, 20, 1000, 0.02), null, 1L);
        var b = new Verdicts.LaneSamples("b", 2000, null, rounds(7, 1, 20, 2000, 0.02), null, 1L);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 3).get(0);
        assertTrue(v.text().startsWith("a is 2.0"), v.text());
        assertTrue(
                v.text().endsWith("; one worker process per lane: variation between processes not measured"), v.text());
    }

    @Test
    void pair_withEnergy_ratioOfEnergyPerInferenceToo() {
        var a = lane("a", 6, 1000, rounds(7, 3, 10, 3.0, 0.03), 1L);
        var b = lane("b", 8, 1000, rounds(9, 3, 10, 2.0, 0.03), 1L);
        PairVerdict v = Verdicts.pairs(List.of(a, b), 3).get(0);
        assertNotNull(v.energyRatio());
        assertTrue(v.energyRatio().contains(2.0 / 3.0), v.energyRatio().toString());
        assertTrue(
                v.energyText().matches("b is 1\\.[45]\\dx more energy-efficient than a per inference \\(95 % CI .*"),
                v.energyText());
        assertEquals("energy per inference", v.energyRatio().statistic());
    }

    @Test
    void sweep_withoutEnergy_fastestAndLatencyByRssFront() {
        var slowSmall = lane("t1", 10, 2000, null, 90L << 20);
        var fastBig = lane("t2", 11, 1100, null, 130L << 20);
        var dominated = lane("t4", 12, 1500, null, 140L << 20);
        SweepVerdict s = Verdicts.sweep(List.of(slowSmall, fastBig, dominated), 3);
        assertEquals("t2", s.fastest().name());
        assertEquals(
                List.of("t1", "t2"),
                s.pareto().stream().map(SweepVerdict.Point::name).toList());
        assertEquals("p50 latency x peak RSS", s.paretoAxes());
        assertTrue(s.fastestOverRunnerUp().low() > 1, s.fastestOverRunnerUp().toString());
        assertNull(s.leastEnergy());
        assertTrue(s.text().get(0).startsWith("fastest: t2"), s.text().toString());
        assertTrue(
                s.text().get(1).startsWith("Pareto front (p50 latency x peak RSS): t1"),
                s.text().toString());
    }

    @Test
    void sweep_pooledP50DisagreesWithPairedRounds_fastestByThePrintedRatio() {
        // pooled p50 says "a" (990 us) but its paired rounds are slower than b's: never "fastest a ... 0.9x the
        // runner-up"
        var a = new Verdicts.LaneSamples("a", 990, null, rounds(20, 3, 10, 1100, 0.01), null, 1L);
        var b = new Verdicts.LaneSamples("b", 1000, null, rounds(21, 3, 10, 1000, 0.01), null, 1L);
        SweepVerdict s = Verdicts.sweep(List.of(a, b), 3);
        assertEquals("b", s.fastest().name());
        assertTrue(s.fastestOverRunnerUp().ratio() > 1, s.fastestOverRunnerUp().toString());
        assertTrue(s.text().get(0).contains("x the runner-up a "), s.text().toString());
    }

    @Test
    void sweep_withEnergy_leastEnergyAndLatencyByEnergyFront() {
        var fast = lane("xnnpack", 13, 1000, rounds(14, 3, 10, 4.0, 0.03), 1L);
        var frugal = lane("edgetpu", 15, 1500, rounds(16, 3, 10, 1.0, 0.03), 1L);
        var worst = lane("cpu", 17, 3000, rounds(18, 3, 10, 5.0, 0.03), 1L);
        SweepVerdict s = Verdicts.sweep(List.of(fast, frugal, worst), 3);
        assertEquals("edgetpu", s.leastEnergy().name());
        assertTrue(
                s.leastEnergy().energyCi().contains(1.0),
                s.leastEnergy().energyCi().toString());
        assertEquals("p50 latency x gross energy per inference", s.paretoAxes());
        assertEquals(
                List.of("xnnpack", "edgetpu"),
                s.pareto().stream().map(SweepVerdict.Point::name).toList());
    }

    @Test
    void shortNames_sameModelTwice_numbered() {
        var m = java.nio.file.Path.of("m.tflite");
        var lanes = List.of(
                new Lane(m, io.edgebench.results.RuntimeKind.TFLITE, io.edgebench.results.Delegate.XNNPACK),
                new Lane(m, io.edgebench.results.RuntimeKind.TFLITE, io.edgebench.results.Delegate.XNNPACK),
                new Lane(m, io.edgebench.results.RuntimeKind.TFLITE, io.edgebench.results.Delegate.CPU, 2));
        assertEquals(List.of("tflite:xnnpack #1", "tflite:xnnpack #2", "tflite:cpu threads=2"), Lane.shortNames(lanes));
    }
}

package io.edgebench.compare;

import io.edgebench.results.BenchResult;
import io.edgebench.results.Lane;
import io.edgebench.results.PairVerdict;
import io.edgebench.results.SweepVerdict;
import io.edgebench.results.VerdictOptions;
import io.edgebench.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.List;

/** The verdicts of a finished comparison, over the lanes that produced samples, under readable lane names. */
record LaneVerdicts(List<PairVerdict> pairs, SweepVerdict sweep) {

    static LaneVerdicts of(
            List<Lane> lanes, List<LaneTally> tallies, List<BenchResult> results, VerdictOptions options) {
        return of(lanes, tallies, results, options, null);
    }

    /**
     * {@code energy}: each round's energy when the board's power was sampled and every round resolved, else null (no
     * energy verdicts). The energy ratio is then estimated three times, with the source's offset limit added to and
     * subtracted from its readings too, and its interval spans all three ({@link RoundEnergy#widen}).
     */
    static LaneVerdicts of(
            List<Lane> lanes,
            List<LaneTally> tallies,
            List<BenchResult> results,
            VerdictOptions options,
            RoundEnergy energy) {
        List<String> names = Lane.shortNames(lanes);
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            if (results.get(i).ok() && tallies.get(i).runs() > 0) {
                index.add(i);
            }
        }
        double offsetW = energy == null ? 0 : energy.source().accuracy().offsetW();
        List<Verdicts.LaneSamples> samples = samples(names, index, tallies, results, energy, 0);
        List<PairVerdict> pairs = new ArrayList<>();
        double marginPct = options.equivalencePct();
        List<PairVerdict> center = Verdicts.pairs(samples, marginPct, options.looks());
        List<PairVerdict> plus = energy == null
                ? null
                : Verdicts.pairs(samples(names, index, tallies, results, energy, offsetW), marginPct, options.looks());
        List<PairVerdict> minus = energy == null
                ? null
                : Verdicts.pairs(samples(names, index, tallies, results, energy, -offsetW), marginPct, options.looks());
        for (int k = 0; k < center.size(); k++) {
            PairVerdict v = center.get(k);
            RatioEstimate e = v.energyRatio();
            String eText = v.energyText();
            if (energy != null) {
                e = e == null
                        ? null
                        : energy.widen(
                                e, plus.get(k).energyRatio(), minus.get(k).energyRatio());
                eText = Verdicts.sentence(
                        samples.get(v.a()).name(),
                        samples.get(v.b()).name(),
                        e,
                        "more energy-efficient",
                        "in " + energy.statistic());
            }
            pairs.add(new PairVerdict(index.get(v.a()), index.get(v.b()), v.speedup(), e, v.text(), eText));
        }
        SweepVerdict sweep =
                samples.size() < 2 ? null : remap(Verdicts.sweep(samples, marginPct, options.looks()), index);
        return new LaneVerdicts(pairs, sweep);
    }

    /** The live lanes' samples, energy per inference with {@code offsetW} added to the board's power (or none). */
    private static List<Verdicts.LaneSamples> samples(
            List<String> names,
            List<Integer> index,
            List<LaneTally> tallies,
            List<BenchResult> results,
            RoundEnergy energy,
            double offsetW) {
        List<List<double[]>> perInference = energy == null ? null : energy.perInference(offsetW);
        List<Verdicts.LaneSamples> out = new ArrayList<>();
        for (int i : index) {
            BenchResult r = results.get(i);
            out.add(new Verdicts.LaneSamples(
                    names.get(i),
                    r.latencyUs().p50(),
                    r.latencyUs().p50Ci(),
                    tallies.get(i).roundP50Us(),
                    perInference == null ? null : perInference.get(i),
                    r.peakRssBytes()));
        }
        return out;
    }

    /**
     * True when every pair of live lanes has a decided latency verdict (different or equivalent) at the level of
     * the planned looks, as the verdicts will be: --until-decided stops adding worker processes.
     */
    static boolean decided(List<LaneTally> tallies, List<LaneWorker> workers, VerdictOptions options) {
        for (int i = 0; i < tallies.size(); i++) {
            for (int j = i + 1; j < tallies.size(); j++) {
                if (workers.get(i).failure() != null || workers.get(j).failure() != null) {
                    continue;
                }
                RatioEstimate r = RatioEstimate.of(
                        "p50",
                        Verdicts.logRatios(
                                tallies.get(j).roundP50Us(), tallies.get(i).roundP50Us()),
                        options.equivalencePct(),
                        options.looks());
                if (r == null || r.outcome() == RatioEstimate.Outcome.INCONCLUSIVE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Lane indexes of the sweep's points back to the comparison's own. */
    private static SweepVerdict remap(SweepVerdict s, List<Integer> index) {
        return new SweepVerdict(
                point(s.fastest(), index),
                s.fastestOverRunnerUp(),
                s.leastEnergy() == null ? null : point(s.leastEnergy(), index),
                s.paretoAxes(),
                s.pareto().stream().map(p -> point(p, index)).toList(),
                s.text());
    }

    private static SweepVerdict.Point point(SweepVerdict.Point p, List<Integer> index) {
        return new SweepVerdict.Point(
                index.get(p.lane()), p.name(), p.p50Us(), p.p50Ci(), p.energyMj(), p.energyCi(), p.peakRssBytes());
    }
}

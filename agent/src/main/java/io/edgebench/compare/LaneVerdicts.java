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
        List<String> names = Lane.shortNames(lanes);
        List<Integer> index = new ArrayList<>();
        List<Verdicts.LaneSamples> samples = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            BenchResult r = results.get(i);
            if (r.ok() && tallies.get(i).runs() > 0) {
                index.add(i);
                // energy per round arrives with per-round power windows (not sampled during interleaving yet)
                samples.add(new Verdicts.LaneSamples(
                        names.get(i),
                        r.latencyUs().p50(),
                        r.latencyUs().p50Ci(),
                        tallies.get(i).roundP50Us(),
                        null,
                        r.peakRssBytes()));
            }
        }
        List<PairVerdict> pairs = new ArrayList<>();
        double marginPct = options.equivalencePct();
        for (PairVerdict v : Verdicts.pairs(samples, marginPct, options.looks())) {
            pairs.add(new PairVerdict(
                    index.get(v.a()), index.get(v.b()), v.speedup(), v.energyRatio(), v.text(), v.energyText()));
        }
        SweepVerdict sweep =
                samples.size() < 2 ? null : remap(Verdicts.sweep(samples, marginPct, options.looks()), index);
        return new LaneVerdicts(pairs, sweep);
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

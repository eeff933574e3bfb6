package io.edgebench.compare;

import io.edgebench.results.PairVerdict;
import io.edgebench.results.SweepVerdict;
import io.edgebench.results.Lane;

import io.edgebench.results.BenchResult;
import io.edgebench.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.List;

/** The verdicts of a finished comparison, over the lanes that produced samples, under readable lane names. */
record LaneVerdicts(List<PairVerdict> pairs, SweepVerdict sweep) {

    static LaneVerdicts of(List<Lane> lanes, List<LaneTally> tallies, List<BenchResult> results, long seed) {
        List<String> names = Lane.shortNames(lanes);
        List<Integer> index = new ArrayList<>();
        List<Verdicts.LaneSamples> samples = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            BenchResult r = results.get(i);
            if (r.ok() && tallies.get(i).runs() > 0) {
                index.add(i);
                // energy per round arrives with per-lane power measurement (not sampled during compare yet)
                samples.add(new Verdicts.LaneSamples(names.get(i), tallies.get(i).samplesUs(), r.latencyUs().p50Ci(),
                        null, r.peakRssBytes()));
            }
        }
        List<PairVerdict> pairs = new ArrayList<>();
        for (PairVerdict v : Verdicts.pairs(samples, RatioEstimate.DEFAULT_RESAMPLES, seed)) {
            pairs.add(new PairVerdict(index.get(v.a()), index.get(v.b()), v.speedup(), v.energyRatio(), v.text(),
                    v.energyText()));
        }
        SweepVerdict sweep = samples.size() < 2 ? null
                : remap(Verdicts.sweep(samples, RatioEstimate.DEFAULT_RESAMPLES, seed), index);
        return new LaneVerdicts(pairs, sweep);
    }

    /** Lane indexes of the sweep's points back to the comparison's own. */
    private static SweepVerdict remap(SweepVerdict s, List<Integer> index) {
        return new SweepVerdict(point(s.fastest(), index), s.fastestOverRunnerUp(),
                s.leastEnergy() == null ? null : point(s.leastEnergy(), index), s.paretoAxes(),
                s.pareto().stream().map(p -> point(p, index)).toList(), s.text());
    }

    private static SweepVerdict.Point point(SweepVerdict.Point p, List<Integer> index) {
        return new SweepVerdict.Point(index.get(p.lane()), p.name(), p.p50Us(), p.p50Ci(), p.energyMj(), p.energyCi(),
                p.peakRssBytes());
    }
}

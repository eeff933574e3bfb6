package io.edgebench.compare;

import io.edgebench.results.Interference;
import io.edgebench.results.LatencyStats;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.worker.RoundReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything one lane's rounds measured: pooled (the raw latencies, the timed seconds, the interference) and per
 * round and worker process (each round's p50, for the verdicts).
 */
final class LaneTally {
    private long[] samples = new long[1024];
    private int n;
    private double timedSeconds;
    private long firstStartNs = Long.MAX_VALUE;
    private long lastEndNs = Long.MIN_VALUE;
    private Interference interference;
    private Long peakRssBytes;
    private int rounds;
    /** Per worker process (fork), each round's p50 in microseconds: the units of the verdicts. */
    private final List<List<Double>> roundP50Us = new ArrayList<>();
    /** Per worker process, each round's window beside its p50: start and end (System.nanoTime), inferences. */
    private final List<List<long[]>> roundWindows = new ArrayList<>();

    /** Starts the rounds of a new worker process of this lane. */
    void newProcess() {
        roundP50Us.add(new ArrayList<>());
        roundWindows.add(new ArrayList<>());
    }

    void add(RoundReport r) {
        if (roundP50Us.isEmpty()) {
            newProcess();
        }
        if (r.latenciesNs().length > 0) {
            long[] sorted = r.latenciesNs().clone();
            Arrays.sort(sorted);
            roundP50Us.get(roundP50Us.size() - 1).add(LatencyStats.rankUs(sorted, 50));
            roundWindows
                    .get(roundWindows.size() - 1)
                    .add(new long[] {r.window().startNs(), r.window().endNs(), r.latenciesNs().length});
        }
        long[] add = r.latenciesNs();
        int room = Math.min(add.length, InterleavedRounds.MAX_SAMPLES - n);
        if (n + room > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(n + room, samples.length * 2));
        }
        System.arraycopy(add, 0, samples, n, room);
        n += room;
        timedSeconds += (r.window().endNs() - r.window().startNs()) / 1e9;
        firstStartNs = Math.min(firstStartNs, r.window().startNs());
        lastEndNs = Math.max(lastEndNs, r.window().endNs());
        if (r.interference() != null) {
            interference = interference == null ? r.interference() : interference.plus(r.interference());
        }
        peakRssBytes = r.peakRssBytes() != null ? r.peakRssBytes() : peakRssBytes;
        rounds++;
    }

    /** Per worker process, each round's p50 (microseconds). */
    List<double[]> roundP50Us() {
        List<double[]> out = new ArrayList<>();
        for (List<Double> p : roundP50Us) {
            out.add(p.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    /** Per worker process, each round's {start ns, end ns, inferences}, paired with {@link #roundP50Us()}. */
    List<List<long[]>> roundWindows() {
        return roundWindows.stream().map(List::copyOf).toList();
    }

    /** Rounds in the current worker process. */
    int roundsInProcess() {
        return roundP50Us.isEmpty() ? 0 : roundP50Us.get(roundP50Us.size() - 1).size();
    }

    /** Worker processes this lane has run rounds in. */
    int processes() {
        return (int) roundP50Us.stream().filter(p -> !p.isEmpty()).count();
    }

    int runs() {
        return n;
    }

    /** The first n latencies (a copy), nanoseconds. */
    long[] samplesNs() {
        return Arrays.copyOf(samples, n);
    }

    /** p50 CI half-width in percent of the p50, null with too few runs. */
    Double halfWidthPct() {
        if (n == 0) {
            return null;
        }
        LatencyStats s = LatencyStats.ofNanos(samples, n);
        ConfidenceInterval ci = s.p50Ci();
        return ci == null ? null : ci.halfWidthPct(s.p50());
    }

    double timedSeconds() {
        return timedSeconds;
    }

    long firstStartNs() {
        return firstStartNs;
    }

    long lastEndNs() {
        return lastEndNs;
    }

    Interference interference() {
        return interference;
    }

    Long peakRssBytes() {
        return peakRssBytes;
    }

    int rounds() {
        return rounds;
    }
}

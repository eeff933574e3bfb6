package io.edgebench.compare;

import io.edgebench.results.LatencyStats;
import io.edgebench.results.Interference;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.worker.RoundReport;
import java.util.Arrays;

/** Everything one lane's rounds measured, pooled: the raw latencies, the timed seconds, the interference. */
final class LaneTally {
    private long[] samples = new long[1024];
    private int n;
    private double timedSeconds;
    private long firstStartNs = Long.MAX_VALUE;
    private long lastEndNs = Long.MIN_VALUE;
    private Interference interference;
    private Long peakRssBytes;
    private int rounds;

    void add(RoundReport r) {
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

    int runs() {
        return n;
    }

    /** The first n latencies (a copy), nanoseconds. */
    long[] samplesNs() {
        return Arrays.copyOf(samples, n);
    }

    /** Latencies in microseconds, for the bootstrap. */
    double[] samplesUs() {
        double[] us = new double[n];
        for (int i = 0; i < n; i++) {
            us[i] = samples[i] / 1e3;
        }
        return us;
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

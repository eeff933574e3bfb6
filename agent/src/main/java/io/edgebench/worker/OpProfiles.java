package io.edgebench.worker;

import io.edgebench.worker.Measurement.Measured;

/** How long the profiled pass (profile_ops) runs: it comes after the timed loop, inside the watchdog's grace. */
final class OpProfiles {
    /** At most this many profiled inferences; means over 20 runs are steady enough to rank ops. */
    static final int MAX_RUNS = 20;
    /** The pass aims to finish within this, however slow the model (the watchdog's grace is 30 s). */
    static final double TARGET_SECONDS = 5;

    private OpProfiles() {}

    static int runs(Measured m) {
        double meanS = m.latencyUs().mean() / 1e6;
        int fit = meanS > 0 ? (int) Math.floor(TARGET_SECONDS / meanS) : MAX_RUNS;
        return Math.max(1, Math.min(MAX_RUNS, fit));
    }
}

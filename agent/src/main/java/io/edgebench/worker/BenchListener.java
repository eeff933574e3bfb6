package io.edgebench.worker;

import io.edgebench.results.Phase;

/** Progress of one benchmark, for the terminal's progress bar and MQTT's job/<id>/progress topic. */
public interface BenchListener {
    BenchListener NONE = new BenchListener() {};

    /** Phases in order: cooldown, idle_baseline, load, warmup, run, done. */
    default void onPhase(Phase phase) {}

    /** A phase message from a worker with an id this version does not know (progress is advisory: skip it). */
    default void onUnknownPhase(String id) {}

    /** Timed runs so far and the estimated seconds left (negative when unknown). */
    default void onRuns(long runsDone, long runsTarget, double etaSeconds) {}
}

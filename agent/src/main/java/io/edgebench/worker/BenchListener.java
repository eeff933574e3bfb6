package io.edgebench.worker;

/** Progress of one benchmark, for the terminal's progress bar and MQTT's job/<id>/progress topic. */
public interface BenchListener {
    BenchListener NONE = new BenchListener() {};

    /** Phases in order: cooldown, idle_baseline, load, warmup, run, done. */
    default void onPhase(String phase) {}

    /** Timed runs so far and the estimated seconds left (negative when unknown). */
    default void onRuns(long runsDone, long runsTarget, double etaSeconds) {}
}

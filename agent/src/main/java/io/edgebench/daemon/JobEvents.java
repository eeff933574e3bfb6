package io.edgebench.daemon;

import io.edgebench.results.Phase;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobResult;

/** What the job queue tells the agent; called on the runner thread, so implementations must not block long. */
public interface JobEvents {
    void onStarted(Job job);

    void onProgress(Job job, Phase phase, long runsDone, long runsTarget, double etaSeconds);

    /**
     * Hands the result over for delivery. Returns true when the result is durable (stored): the queue then deletes
     * the job's file. False: it could not be stored (disk full) and is being published from memory; the job's file
     * stays until {@link JobQueue#settled} says the broker acknowledged it (or a later store succeeded).
     */
    boolean onFinished(Job job, JobResult result) throws java.io.IOException;

    /** The waiting queue changed length (accepted, started, cancelled). */
    default void onQueueChanged() {}
}

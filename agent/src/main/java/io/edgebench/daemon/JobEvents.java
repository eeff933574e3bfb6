package io.edgebench.daemon;

import io.edgebench.protocol.Job;

import io.edgebench.protocol.JobResult;

/** What the job queue tells the agent; called on the runner thread, so implementations must not block long. */
public interface JobEvents {
    void onStarted(Job job);

    void onProgress(Job job, String phase, long runsDone, long runsTarget, double etaSeconds);

    /** Must make the result durable before returning: the queue deletes the job's file afterwards. */
    void onFinished(Job job, JobResult result) throws java.io.IOException;

    /** The waiting queue changed length (accepted, started, cancelled). */
    default void onQueueChanged() {}
}

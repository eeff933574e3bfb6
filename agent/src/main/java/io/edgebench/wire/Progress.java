package io.edgebench.wire;

import io.edgebench.results.Phase;
import java.util.Objects;

/**
 * edgebench/&lt;device_id&gt;/progress/&lt;job_id&gt;, QoS 0: where a running job is.
 *
 * @param etaS seconds left in the timed loop; null (left out) when unknown
 */
public record Progress(
        int schemaVersion, String jobId, Phase phase, long runsDone, long runsTarget, Double etaS, String ts) {
    public static final int SCHEMA_VERSION = 1;

    public Progress {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(phase, "phase");
    }

    public static Progress of(String jobId, Phase phase, long runsDone, long runsTarget, double etaS, String ts) {
        return new Progress(SCHEMA_VERSION, jobId, phase, runsDone, runsTarget, etaS >= 0 ? etaS : null, ts);
    }
}

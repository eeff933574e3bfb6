package io.edgebench.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What result/&lt;job_id&gt; carries (docs/mqtt.md). Times are ISO-8601 UTC; startedTs is null for a job that never
 * started; result is the executor's output (absent unless it produced one); request echoes the request as received.
 */
public record JobResult(
        int schemaVersion,
        String jobId,
        String deviceId,
        String verb,
        JobStatus status,
        String error,
        ObjectNode request,
        String acceptedTs,
        String startedTs,
        String finishedTs,
        JobOutput result) {
    public static final int SCHEMA_VERSION = 1;

    public JobResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
    }
}

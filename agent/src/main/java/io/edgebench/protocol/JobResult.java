package io.edgebench.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;

/**
 * What result/&lt;job_id&gt; carries (docs/mqtt.md). Times are ISO-8601 UTC; startedTs is null for a job that never
 * started; result is the executor's output (absent unless it produced one).
 */
public record JobResult(String jobId, String deviceId, String verb, String status, String error,
        ObjectNode request, String acceptedTs, String startedTs, String finishedTs, Object result) {
    private static final Set<String> STATUSES =
            Set.of(Topics.JOB_OK, Topics.JOB_FAILED, Topics.JOB_CANCELLED, Topics.JOB_INTERRUPTED);

    public JobResult {
        Objects.requireNonNull(jobId, "jobId");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status [" + status + "] must be one of " + STATUSES);
        }
    }
}

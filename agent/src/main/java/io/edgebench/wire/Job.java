package io.edgebench.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted bench or compare request: what the queue persists, runs and reports.
 *
 * @param seq acceptance order, persisted so a restarted agent keeps the order
 */
public record Job(long seq, String jobId, Command.JobCommand command, Instant acceptedAt) {
    public Job {
        Topics.checkId("job_id", jobId);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    public String verb() {
        return command.verb();
    }

    public ObjectNode request() {
        return command.request();
    }
}

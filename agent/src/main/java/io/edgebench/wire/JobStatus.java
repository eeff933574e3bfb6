package io.edgebench.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How a job ended, as result/&lt;job_id&gt; says it in {@code status} (docs/mqtt.md). */
public enum JobStatus {
    OK,
    FAILED,
    CANCELLED,
    /** The agent stopped (SIGTERM, restart) while the job ran or waited. */
    INTERRUPTED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobStatus parse(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status [" + id + "] must be one of "
                        + Arrays.stream(values()).map(JobStatus::id).toList()));
    }
}

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
    INTERRUPTED,
    /** A status this version does not know (a newer agent's), as a lenient controller reads it. Never published. */
    UNKNOWN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this id; {@link #UNKNOWN} for null or an id this version does not know (controllers). */
    public static JobStatus lenient(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElse(UNKNOWN);
    }

    @JsonCreator
    public static JobStatus parse(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status [" + id + "] must be one of "
                        + Arrays.stream(values()).map(JobStatus::id).toList()));
    }
}

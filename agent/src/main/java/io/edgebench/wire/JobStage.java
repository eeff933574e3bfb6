package io.edgebench.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where an accepted job is before it has a {@link JobStatus}: in its job file on the agent's disk, and in a cancel
 * reply's {@code was}.
 */
public enum JobStage {
    QUEUED,
    RUNNING;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobStage parse(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job stage [" + id + "] must be one of "
                        + Arrays.stream(values()).map(JobStage::id).toList()));
    }
}

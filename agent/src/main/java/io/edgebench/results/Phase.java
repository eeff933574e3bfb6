package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a benchmark is: the worker's phases (load, warmup, run, done) and the runner's own around them (cooldown,
 * idle_baseline), as progress messages and the worker protocol name them.
 */
public enum Phase {
    /** The worker process is starting (JVM start); no message carries it, the parent starts there. */
    START,
    COOLDOWN,
    IDLE_BASELINE,
    LOAD,
    WARMUP,
    RUN,
    /** --profile-ops: the separate profiled pass after the timed loop (the same watchdog budget as run). */
    PROFILE,
    DONE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase with this id; empty for one this version does not know. */
    public static Optional<Phase> find(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }

    @JsonCreator
    public static Phase parse(String id) {
        return Arrays.stream(values())
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("phase [" + id + "] must be one of "
                        + Arrays.stream(values()).map(Phase::id).toList()));
    }
}

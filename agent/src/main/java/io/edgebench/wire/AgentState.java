package io.edgebench.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The "state" of an agent's retained status (docs/mqtt.md); the will publishes {@link #OFFLINE}. */
public enum AgentState {
    ONLINE,
    /** A job is running. */
    BUSY,
    OFFLINE,
    /**
     * A state this version does not know (a newer agent's) or no status seen yet: controllers read leniently, so an
     * older controller still shows a newer agent instead of failing on it. Never published.
     */
    UNKNOWN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state with this id; {@link #UNKNOWN} for null or an id this version does not know. */
    @JsonCreator
    public static AgentState of(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElse(UNKNOWN);
    }
}

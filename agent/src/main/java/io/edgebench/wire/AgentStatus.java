package io.edgebench.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * edgebench/&lt;device_id&gt;/status, retained; also the will (state offline). {@code current_job} and
 * {@code profile} are written as null rather than left out, as the first release did.
 *
 * @param state online, busy or offline
 * @param runtimes runtime name to bundled library version
 * @param accelerators e.g. edgetpu:usb:0
 */
public record AgentStatus(
        int schemaVersion,
        AgentState state,
        String deviceId,
        String version,
        @JsonInclude(JsonInclude.Include.ALWAYS) String profile,
        Map<String, String> runtimes,
        List<String> accelerators,
        int queueLength,
        @JsonInclude(JsonInclude.Include.ALWAYS) String currentJob,
        String ts) {
    public static final int SCHEMA_VERSION = 1;

    public AgentStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deviceId, "deviceId");
        runtimes = runtimes == null ? Map.of() : runtimes;
        accelerators = accelerators == null ? List.of() : List.copyOf(accelerators);
    }

    /**
     * The status as published by the agent: this record plus counters since start that an operator reads without
     * the log ({@code commands_dropped} in a flood, {@code results_refused} PUBACKs >= 0x80,
     * {@code session_takeovers} from a duplicate device id). Lenient readers ignore them.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode withCounters(
            long commandsDropped, long resultsRefused, long sessionTakeovers) {
        com.fasterxml.jackson.databind.node.ObjectNode n =
                io.edgebench.json.Json.mapper().valueToTree(this);
        n.put("commands_dropped", commandsDropped);
        n.put("results_refused", resultsRefused);
        n.put("session_takeovers", sessionTakeovers);
        return n;
    }
}

package io.edgebench.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * edgebench/&lt;device_id&gt;/status, retained; also the will (state offline). {@code current_job} and
 * {@code profile} are written as null rather than left out, as the first release did.
 *
 * @param state online, busy or offline ({@link Topics#STATE_ONLINE}...)
 * @param runtimes runtime name to bundled library version
 * @param accelerators e.g. edgetpu:usb:0
 */
public record AgentStatus(int schemaVersion, String state, String deviceId, String version,
        @JsonInclude(JsonInclude.Include.ALWAYS) String profile, Map<String, String> runtimes,
        List<String> accelerators, int queueLength, @JsonInclude(JsonInclude.Include.ALWAYS) String currentJob,
        String ts) {
    public static final int SCHEMA_VERSION = 1;

    public AgentStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deviceId, "deviceId");
        runtimes = runtimes == null ? Map.of() : runtimes;
        accelerators = accelerators == null ? List.of() : List.copyOf(accelerators);
    }
}

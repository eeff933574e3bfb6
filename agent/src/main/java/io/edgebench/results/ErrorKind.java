package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.edgebench.wire.Topics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a benchmark failed ({@code error_kind} in results and worker messages), with the exit code `edgebench bench`
 * returns for it (sysexits: 65 bad model, 69 unavailable, else 1) and the MQTT error code a reply would carry.
 */
public enum ErrorKind {
    /** The model was rejected: not a model, unsupported ops, bad shapes. */
    MODEL(65, Topics.ERR_BAD_REQUEST),
    /** The accelerator is missing or busy. */
    UNAVAILABLE(69, Topics.ERR_NOT_AVAILABLE),
    /** The worker died from a signal or exited without answering. */
    CRASH(1, Topics.ERR_INTERNAL),
    /** The worker did not finish within its phase budget and was killed. */
    TIMEOUT(1, Topics.ERR_INTERNAL),
    OUT_OF_MEMORY(1, Topics.ERR_INTERNAL),
    CANCELLED(1, Topics.ERR_INTERNAL),
    INTERNAL(1, Topics.ERR_INTERNAL);

    private final int exitCode;
    private final String mqttCode;

    ErrorKind(int exitCode, String mqttCode) {
        this.exitCode = exitCode;
        this.mqttCode = mqttCode;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire id, so that a kind in a message text reads as it does in JSON. */
    @Override
    public String toString() {
        return id();
    }

    public int exitCode() {
        return exitCode;
    }

    public String mqttCode() {
        return mqttCode;
    }

    /** The kind with this id; empty for null or an id this version does not know (a newer agent's). */
    public static Optional<ErrorKind> find(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    @JsonCreator
    public static ErrorKind parse(String id) {
        return Arrays.stream(values())
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("error_kind [" + id + "] must be one of "
                        + Arrays.stream(values()).map(ErrorKind::id).toList()));
    }
}

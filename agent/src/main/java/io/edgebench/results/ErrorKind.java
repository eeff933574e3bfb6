package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a benchmark failed ({@code error_kind} in results and worker messages), with the exit code `edgebench bench`
 * returns for it (sysexits: 65 bad model, 69 unavailable, else 1) and the MQTT error code a reply would carry.
 */
public enum ErrorKind {
    /** The model was rejected: not a model, unsupported ops, bad shapes. */
    MODEL(65, ReplyCode.BAD_REQUEST),
    /** The accelerator is missing or busy. */
    UNAVAILABLE(69, ReplyCode.NOT_AVAILABLE),
    /** The worker died from a signal or exited without answering. */
    CRASH(1, ReplyCode.INTERNAL),
    /** The worker did not finish within its phase budget and was killed. */
    TIMEOUT(1, ReplyCode.INTERNAL),
    OUT_OF_MEMORY(1, ReplyCode.INTERNAL),
    CANCELLED(1, ReplyCode.INTERNAL),
    INTERNAL(1, ReplyCode.INTERNAL);

    private final int exitCode;
    private final ReplyCode mqttCode;

    ErrorKind(int exitCode, ReplyCode mqttCode) {
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
        return mqttCode.id();
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

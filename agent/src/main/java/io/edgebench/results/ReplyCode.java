package io.edgebench.results;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why the agent rejected a command: the {@code code} of a reply with {@code "ok": false} (docs/mqtt.md), with the
 * exit code `edgebench send` returns for it (sysexits: 64 usage, 65 data, 69 unavailable, 70 software).
 */
public enum ReplyCode {
    BAD_REQUEST(64),
    UNKNOWN_VERB(64),
    TOO_LARGE(64),
    NOT_FOUND(65),
    BUSY(69),
    NOT_AVAILABLE(69),
    INTERNAL(70);

    /** The exit code for a code this version does not know (a newer agent's) or none. */
    public static final int UNKNOWN_EXIT_CODE = 70;

    private final int exitCode;

    ReplyCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The wire id: bad_request, not_found, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    public int exitCode() {
        return exitCode;
    }

    /** The exit code for a reply's code; {@link #UNKNOWN_EXIT_CODE} for null or an id this version does not know. */
    public static int exitCodeFor(String id) {
        return Arrays.stream(values())
                .filter(c -> c.id().equals(id))
                .findFirst()
                .map(ReplyCode::exitCode)
                .orElse(UNKNOWN_EXIT_CODE);
    }
}

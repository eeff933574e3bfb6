package io.edgebench.doctor;

import java.util.Objects;

/**
 * One finding of {@code edgebench doctor}: what was checked, the verdict, what was found and, unless it is fine,
 * what to do about it.
 *
 * @param name short topic, e.g. "glibc" or "edgetpu devices"
 * @param fix what to do; empty when the status is OK
 */
public record Check(String name, Status status, String detail, String fix) {
    /** OK: fine. WARN: optional or degraded (exit 0). FAIL: something edgebench needs is missing (non-zero exit). */
    public enum Status {
        OK,
        WARN,
        FAIL
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        fix = fix == null ? "" : fix;
    }

    public static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, "");
    }

    public static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    public static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }
}

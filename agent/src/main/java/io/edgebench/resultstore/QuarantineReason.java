package io.edgebench.resultstore;

import java.util.Locale;

/** Why a message was put in quarantine instead of the store; {@link #code()} is what the table and logs carry. */
public enum QuarantineReason {
    /** Not a JSON object (or not UTF-8, or nested too deep). */
    NOT_JSON,
    /** A result or status topic whose device or job level is not a valid id. */
    BAD_TOPIC,
    /** A known field of the wrong type or value. */
    BAD_FIELD,
    /** A field longer than its column. */
    FIELD_TOO_LONG,
    /** A U+0000 in a field: PostgreSQL refuses it in text, SQLite would cut the string there. */
    NUL_IN_FIELD,
    /** A timestamp far in the future (or before 1970): it would pin a device's row or overflow epoch ms. */
    TIME_OUT_OF_RANGE,
    /** More lanes than any compare can produce. */
    TOO_MANY_LANES,
    /** The database refused the row although it passed every check here (a constraint, a data exception). */
    REFUSED_BY_DATABASE,
    /** The collector failed on it (a bug): kept so that the messages behind it are not blocked. */
    UNEXPECTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

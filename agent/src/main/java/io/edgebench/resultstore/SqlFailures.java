package io.edgebench.resultstore;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Classifies a failed statement. Only what the message itself caused is permanent: PostgreSQL's data exceptions
 * (SQLSTATE class 22: value too long, NUL byte, out of range) and integrity violations (class 23); SQLite's TOOBIG,
 * CONSTRAINT, MISMATCH and RANGE. Everything else (connection lost, server shutting down, locked, busy, I/O, disk
 * full, read-only, a vanished file, an unknown code) is transient: the message stays unacknowledged and the store is
 * tried again, because acknowledging on a guess loses a result for good while waiting only costs time.
 */
final class SqlFailures {
    // sqlite3.h primary result codes; sqlite-jdbc reports extended codes, whose low byte is the primary one
    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_RANGE = 25;

    private SqlFailures() {}

    static FailureKind classify(SQLException e, boolean sqlite) {
        if (e instanceof SQLTransientException) {
            return FailureKind.TRANSIENT;
        }
        if (sqlite) {
            int primary = e.getErrorCode() & 0xff;
            return primary == SQLITE_TOOBIG
                            || primary == SQLITE_CONSTRAINT
                            || primary == SQLITE_MISMATCH
                            || primary == SQLITE_RANGE
                    ? FailureKind.PERMANENT
                    : FailureKind.TRANSIENT;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"))
                ? FailureKind.PERMANENT
                : FailureKind.TRANSIENT;
    }
}

package io.edgebench.resultstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;

/**
 * The results store: SQLite (a file, embedded) or PostgreSQL (shared by several collectors), schema migrated by
 * Flyway from {@code resultstore/migration}. Stores each result once per device id + job id (agents republish until
 * acknowledged, and a collector may get a message again after a crash): the insert is
 * {@code ON CONFLICT DO NOTHING}, which both databases speak. One connection, used by one thread at a time, opened
 * again after it broke (a restarted PostgreSQL), so the collector recovers by itself once the database is back.
 */
public final class ResultStore implements AutoCloseable {
    static final String MIGRATIONS = StoreConnection.MIGRATIONS;

    private final DatabaseUrl url;
    private final StoreConnection connection;

    private ResultStore(DatabaseUrl url) {
        this.url = url;
        this.connection = new StoreConnection(url);
    }

    /**
     * Migrates the schema to the newest version and opens the store (a SQLite file is created when missing).
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static ResultStore open(DatabaseUrl url) throws StoreException {
        ResultStore store = new ResultStore(url);
        try {
            store.connection.get();
        } catch (FlywayException e) {
            throw new StoreException(
                    "Database [" + url + "] could not be migrated: " + url.redact(e.getMessage())
                            + (url.sqlite()
                                    ? ""
                                    : ". Is PostgreSQL running, does the database exist, may this user create"
                                            + " tables?"),
                    e,
                    FailureKind.TRANSIENT);
        } catch (SQLException e) {
            throw new StoreException(
                    "Database [" + url + "] is unreachable: " + url.redact(e.getMessage()), e, FailureKind.TRANSIENT);
        }
        return store;
    }

    /**
     * Opens a store that must already exist (what `report` reads): a SQLite path that names no file is an error,
     * never a new empty database.
     */
    public static ResultStore openExisting(DatabaseUrl url) throws StoreException {
        if (url.sqlite() && !java.nio.file.Files.isRegularFile(SqliteFile.pathOf(url.jdbcUrl()))) {
            throw new StoreException(
                    "Database file [" + SqliteFile.pathOf(url.jdbcUrl()) + "] of --db [" + url
                            + "] does not exist (a typo? `edgebench collect` creates it; the default is "
                            + DatabaseUrl.DEFAULT + ")",
                    null,
                    FailureKind.PERMANENT);
        }
        return open(url);
    }

    /** A connection of its own (exporters read on one, so a scrape never waits for the collector's inserts). */
    static Connection connect(DatabaseUrl url) throws SQLException {
        return StoreConnection.connect(url);
    }

    private Connection connection() throws SQLException {
        try {
            return connection.get();
        } catch (FlywayException e) {
            throw new SQLException("schema migration failed: " + e.getMessage(), e);
        }
    }

    public DatabaseUrl url() {
        return url;
    }

    /**
     * Stores a result unless one with the same device id and job id is already there.
     *
     * @return true when it was new, false for a duplicate
     */
    public synchronized boolean store(ResultMessage m) throws StoreException {
        try {
            Connection connection = connection();
            connection.setAutoCommit(false);
            boolean inserted;
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO results (device_id, job_id, verb,"
                    + " status, finished_at_ms, received_at_ms, message_json, claimed_device_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, job_id) DO NOTHING")) {
                s.setString(1, m.deviceId());
                s.setString(2, m.jobId());
                s.setString(3, m.verb());
                s.setString(4, m.status());
                s.setLong(5, m.finishedAtMs());
                s.setLong(6, m.receivedAtMs());
                s.setString(7, m.json());
                s.setString(8, m.claimedDeviceId());
                inserted = s.executeUpdate() == 1;
            }
            if (inserted) {
                LaneInserts.insert(connection, m);
            }
            connection.commit();
            this.connection.checkDurable();
            return inserted;
        } catch (SQLException e) {
            rollback();
            throw failure("Storing result [" + m.deviceId() + "/" + m.jobId() + "]", e);
        }
    }

    /**
     * Keeps a message that can never be stored as it is, with its reason; a redelivered copy is not kept twice.
     *
     * @return true when it was new
     */
    public synchronized boolean quarantine(Quarantined q) throws StoreException {
        try {
            Connection connection = connection();
            connection.setAutoCommit(true);
            boolean inserted;
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO quarantine (message_key, topic,"
                    + " payload, payload_bytes, reason_kind, reason, received_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (message_key) DO NOTHING")) {
                s.setString(1, q.key());
                s.setString(2, q.topic().replace("\0", "\\u0000")); // PostgreSQL text holds no NUL
                s.setBytes(3, q.payload());
                s.setInt(4, q.payload().length);
                s.setString(5, q.reason().code());
                s.setString(6, q.detail().replace("\0", "\\u0000"));
                s.setLong(7, q.receivedAtMs());
                inserted = s.executeUpdate() == 1;
            }
            this.connection.checkDurable();
            return inserted;
        } catch (SQLException e) {
            throw failure("Quarantining the message on [" + MessageBounds.printable(q.topic()) + "]", e);
        }
    }

    /** Reason codes of the quarantined messages on {@code topic}, oldest first: what tests and operators read. */
    public synchronized List<String> quarantined(String topic) throws StoreException {
        try {
            Connection connection = connection();
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT reason_kind FROM quarantine WHERE topic = ?" + " ORDER BY received_at_ms, message_key")) {
                s.setString(1, topic);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("Reading the quarantine", e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        FailureKind kind = SqlFailures.classify(e, url.sqlite());
        return new StoreException(
                what + " in [" + url + "] failed (" + kind.name().toLowerCase(java.util.Locale.ROOT) + "): "
                        + url.redact(e.getMessage()),
                e,
                kind);
    }

    /** Keeps the newest status per agent (by its own timestamp: a late retained copy does not win). */
    public synchronized void store(AgentStatus st) throws StoreException {
        try {
            Connection connection = connection();
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO agents (device_id, state, profile,"
                    + " last_seen_ms, status_json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                    + " state = excluded.state, profile = excluded.profile, last_seen_ms = excluded.last_seen_ms,"
                    + " status_json = excluded.status_json WHERE excluded.last_seen_ms >= agents.last_seen_ms")) {
                s.setString(1, st.deviceId());
                s.setString(2, LaneInserts.clip(st.state(), 16));
                s.setString(3, LaneInserts.clip(st.profile(), 64));
                s.setLong(4, st.lastSeenMs());
                s.setString(5, st.json());
                s.executeUpdate();
            }
            this.connection.checkDurable();
        } catch (SQLException e) {
            throw failure("Storing the status of [" + st.deviceId() + "]", e);
        }
    }

    /** Result messages (their re-serialized JSON, with the topic's identity), oldest first. */
    public synchronized List<StoredResult> query(ResultQuery q) throws StoreException {
        StringBuilder sql = new StringBuilder(
                "SELECT device_id, job_id, claimed_device_id, message_json FROM results r" + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.sinceMs() != null) {
            sql.append(" AND r.finished_at_ms >= ?");
            args.add(q.sinceMs());
        }
        if (q.deviceId() != null) {
            sql.append(" AND r.device_id = ?");
            args.add(q.deviceId());
        }
        if (q.model() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM lanes l WHERE l.device_id = r.device_id AND l.job_id = r.job_id"
                    + " AND (l.model_name = ? OR l.model_sha256 = ?))");
            args.add(q.model());
            args.add(q.model());
        }
        sql.append(" ORDER BY r.finished_at_ms, r.device_id, r.job_id");
        try {
            Connection connection = connection();
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<StoredResult> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("Reading results", e);
        }
    }

    /** The last status of every agent seen, by device id. */
    public synchronized List<AgentStatus> agents() throws StoreException {
        try {
            Connection connection = connection();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT device_id, status_json, last_seen_ms FROM agents ORDER BY device_id")) {
                List<AgentStatus> out = new ArrayList<>();
                while (rs.next()) {
                    String json = rs.getString(2);
                    try {
                        out.add(AgentStatus.parse(
                                rs.getString(1),
                                json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                rs.getLong(3)));
                    } catch (java.io.IOException | IllegalArgumentException e) {
                        // a row this version cannot read: the device stays listed, its status marked unreadable
                        out.add(AgentStatus.unreadable(rs.getString(1), rs.getLong(3)));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("Reading agents", e);
        }
    }

    /** "device/job" of every stored result, with how many lanes each has: what tests compare. */
    public synchronized List<String> keys() throws StoreException {
        Connection connection;
        try {
            connection = connection();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure("Opening", e);
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT r.device_id, r.job_id, (SELECT COUNT(*) FROM lanes l"
                        + " WHERE l.device_id = r.device_id AND l.job_id = r.job_id) FROM results r"
                        + " ORDER BY r.device_id, r.job_id")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + "/" + rs.getString(2) + "#" + rs.getInt(3));
            }
            return out;
        } catch (SQLException e) {
            throw failure("Reading results", e);
        }
    }

    @Override
    public synchronized void close() {
        connection.close(); // nothing left to save: every transaction was committed or rolled back
    }

    private void rollback() {
        try {
            Connection c = connection.current();
            if (c != null && !c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            connection.drop(); // broken: the next statement opens a fresh one, the caller reports the failure
        }
    }

    /** The database is unreachable or refused a statement; the message names it and what to check. */
    public static final class StoreException extends Exception {
        private final FailureKind kind;

        public StoreException(String message, Throwable cause) {
            this(message, cause, FailureKind.TRANSIENT);
        }

        public StoreException(String message, Throwable cause, FailureKind kind) {
            super(message, cause);
            this.kind = kind;
        }

        /** Whether storing the same message again can succeed. */
        public FailureKind kind() {
            return kind;
        }
    }
}

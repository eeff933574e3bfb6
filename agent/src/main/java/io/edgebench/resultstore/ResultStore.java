package io.edgebench.resultstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The results store: SQLite (a file, embedded) or PostgreSQL (shared by several collectors), schema migrated by
 * Flyway from {@code resultstore/migration}. Stores each result once per device id + job id (agents republish until
 * acknowledged, and a collector may get a message again after a crash): the insert is
 * {@code ON CONFLICT DO NOTHING}, which both databases speak. One connection, used by one thread at a time, opened
 * again after it broke (a restarted PostgreSQL), so the collector recovers by itself once the database is back.
 */
public final class ResultStore implements AutoCloseable {
    /** Held: java.util.logging keeps loggers weakly, and a collected one would forget its level. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");
    static final String MIGRATIONS = "classpath:io/edgebench/resultstore/migration";

    private final DatabaseUrl url;
    private Connection connection;

    private ResultStore(DatabaseUrl url, Connection connection) {
        this.url = url;
        this.connection = connection;
    }

    /**
     * Migrates the schema to the newest version and opens the store.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static ResultStore open(DatabaseUrl url) throws StoreException {
        // Flyway logs every step at INFO (and probes SLF4J, which warns without a provider): java.util.logging,
        // warnings only, keeps collect's output to its own key=value lines.
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR"); // "no SLF4J providers": we log through JUL
        }
        try {
            Flyway.configure(ResultStore.class.getClassLoader()).loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
                    .dataSource(url.jdbcUrl(), url.user(), url.password()).locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("Database [" + url + "] could not be migrated: " + e.getMessage()
                    + (url.sqlite() ? "" : ". Is PostgreSQL running, does the database exist, may this user create"
                    + " tables?"), e);
        }
        try {
            return new ResultStore(url, connect(url));
        } catch (SQLException e) {
            throw new StoreException("Database [" + url + "] is unreachable: " + e.getMessage(), e);
        }
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        Properties p = new Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        Connection c = DriverManager.getConnection(url.jdbcUrl(), p);
        if (url.sqlite()) {
            try (Statement s = c.createStatement()) {
                // WAL: readers (edgebench report) do not block the collector; busy_timeout: a second process
                // writing the same file waits for the lock instead of failing at once.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=30000");
                s.execute("PRAGMA foreign_keys=ON");
            }
        }
        return c;
    }

    /** The connection, opened again when the last one broke. */
    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(5)) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken: replaced below
                }
            }
            connection = null;
            connection = connect(url);
        }
        return connection;
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
                    + " status, finished_at_ms, received_at_ms, message_json) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (device_id, job_id) DO NOTHING")) {
                s.setString(1, m.deviceId());
                s.setString(2, m.jobId());
                s.setString(3, m.verb());
                s.setString(4, m.status());
                s.setLong(5, m.finishedAtMs());
                s.setLong(6, m.receivedAtMs());
                s.setString(7, m.json());
                inserted = s.executeUpdate() == 1;
            }
            if (inserted) {
                insertLanes(connection, m);
            }
            connection.commit();
            return inserted;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("Storing result [" + m.deviceId() + "/" + m.jobId() + "] in [" + url
                    + "] failed: " + e.getMessage(), e);
        }
    }

    private static void insertLanes(Connection connection, ResultMessage m) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lanes (device_id, job_id, lane, label,"
                + " model_name, model_sha256, runtime, delegate, threads, p50_us, p99_us, throughput_ips,"
                + " energy_per_inference_mj, valid, finished_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LaneRow l : m.lanes()) {
                s.setString(1, m.deviceId());
                s.setString(2, m.jobId());
                s.setInt(3, l.lane());
                s.setString(4, clip(l.label(), 512));
                s.setString(5, clip(l.modelName(), 255));
                s.setString(6, l.modelSha256());
                s.setString(7, clip(l.runtime(), 32));
                s.setString(8, clip(l.delegate(), 32));
                setInt(s, 9, l.threads());
                setDouble(s, 10, l.p50Us());
                setDouble(s, 11, l.p99Us());
                setDouble(s, 12, l.throughputIps());
                setDouble(s, 13, l.energyPerInferenceMj());
                if (l.valid() == null) {
                    s.setNull(14, Types.BOOLEAN);
                } else {
                    s.setBoolean(14, l.valid());
                }
                s.setLong(15, m.finishedAtMs());
                s.addBatch();
            }
            s.executeBatch();
        }
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
                s.setString(2, clip(st.state(), 16));
                s.setString(3, clip(st.profile(), 64));
                s.setLong(4, st.lastSeenMs());
                s.setString(5, st.json());
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("Storing the status of [" + st.deviceId() + "] in [" + url + "] failed: "
                    + e.getMessage(), e);
        }
    }

    /** Result messages (the JSON as received), oldest first. */
    public synchronized List<String> query(ResultQuery q) throws StoreException {
        StringBuilder sql = new StringBuilder("SELECT message_json FROM results r WHERE 1 = 1");
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
                List<String> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("Reading results from [" + url + "] failed: " + e.getMessage(), e);
        }
    }

    /** The last status of every agent seen, by device id. */
    public synchronized List<AgentStatus> agents() throws StoreException {
        try {
            Connection connection = connection();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT device_id, status_json, last_seen_ms FROM agents ORDER BY device_id")) {
                List<AgentStatus> out = new ArrayList<>();
                while (rs.next()) {
                    try {
                        out.add(AgentStatus.parse(rs.getString(1),
                                rs.getString(2).getBytes(java.nio.charset.StandardCharsets.UTF_8), rs.getLong(3)));
                    } catch (java.io.IOException | IllegalArgumentException e) {
                        // a row this version cannot read: the report shows the device without its status
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("Reading agents from [" + url + "] failed: " + e.getMessage(), e);
        }
    }

    /** "device/job" of every stored result, with how many lanes each has: what tests compare. */
    public synchronized List<String> keys() throws StoreException {
        Connection connection;
        try {
            connection = connection();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StoreException("Database [" + url + "] is unusable: " + e.getMessage(), e);
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
            throw new StoreException("Reading results from [" + url + "] failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing: nothing left to save, the transaction was committed or rolled back
        }
    }

    private void rollback() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // the connection is broken; the caller reports the original failure
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }

    /** The database is unreachable or refused a statement; the message names it and what to check. */
    public static final class StoreException extends Exception {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

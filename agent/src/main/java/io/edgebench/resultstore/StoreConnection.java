package io.edgebench.resultstore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The store's one connection: opened (and the schema migrated) on first use and again after it broke, so a
 * restarted PostgreSQL or a replaced SQLite file is picked up without restarting the collector. Migrating is
 * retried: two collectors starting on one new SQLite file race for its write lock (SQLITE_BUSY) or for the
 * history table, and the loser finds the schema done on its next try. PostgreSQL migrations hold Flyway's advisory
 * lock.
 */
final class StoreConnection implements AutoCloseable {
    /** Held: java.util.logging keeps loggers weakly, and a collected one would forget its level. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    static final String MIGRATIONS = "classpath:io/edgebench/resultstore/migration";
    private static final int MIGRATE_ATTEMPTS = 8;
    /** A writer waits this long for another's lock before SQLITE_BUSY: short, the caller retries visibly. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    private final DatabaseUrl url;
    private Connection connection;
    private SqliteFile file;

    StoreConnection(DatabaseUrl url) {
        this.url = url;
    }

    /** The open connection, (re)opened and migrated when there is none or it broke. */
    Connection get() throws SQLException, FlywayException {
        if (connection != null && !connection.isValid(5)) {
            drop();
        }
        if (connection == null) {
            migrate(url);
            Connection c = connect(url);
            if (url.sqlite()) {
                try {
                    file = SqliteFile.at(SqliteFile.pathOf(url.jdbcUrl()));
                } catch (IOException e) {
                    c.close();
                    throw new SQLException("database file of [" + url + "] cannot be read: " + e.getMessage(), e);
                }
            }
            connection = c;
        }
        return connection;
    }

    /** The connection if one is open, else null; never opens one. */
    Connection current() {
        return connection;
    }

    /**
     * After a commit: did it reach the file at the configured path? If not, the connection is dropped (the next
     * {@link #get()} opens the path again, creating and migrating a new file) and the caller treats the message as
     * not stored.
     */
    void checkDurable() throws SQLException {
        String changed = file == null ? null : file.changed();
        if (changed != null) {
            drop();
            throw new SQLException(changed + "; the commit went to the old file, so it is not stored: reopening");
        }
    }

    /** Forgets a connection that failed; closing it also checkpoints a deleted SQLite file's WAL away. */
    void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken: replaced on the next get()
            }
        }
        connection = null;
        file = null;
    }

    static void migrate(DatabaseUrl url) throws FlywayException {
        // Flyway logs every step at INFO (and probes SLF4J, which warns without a provider): java.util.logging,
        // warnings only, keeps collect's output to its own key=value lines.
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR"); // "no SLF4J providers": we log through JUL
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Flyway.configure(ResultStore.class.getClassLoader())
                        .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
                        .dataSource(url.jdbcUrl(), url.user(), url.password())
                        .locations(MIGRATIONS)
                        .load()
                        .migrate();
                return;
            } catch (FlywayException e) {
                if (attempt >= MIGRATE_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep((long) (100L * attempt * (1 + Math.random()))); // jitter: racers fall apart
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
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
                // writing the same file waits a while for the lock instead of failing at once.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=" + SQLITE_BUSY_TIMEOUT_MS);
                s.execute("PRAGMA foreign_keys=ON");
            }
        }
        return c;
    }

    @Override
    public void close() {
        drop();
    }
}

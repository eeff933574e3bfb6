package io.edgebench.resultstore;

import java.util.Objects;

/**
 * Where results are stored: a JDBC URL of SQLite (embedded, a file) or PostgreSQL, with optional credentials
 * (the password never shows in {@link #toString()}).
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {
    /** The default store: a SQLite file in the working directory. */
    public static final String DEFAULT = "jdbc:sqlite:edgebench-results.db";

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db [" + jdbcUrl + "] must be a jdbc:sqlite: or jdbc:postgresql: URL,"
                    + " e.g. jdbc:sqlite:results.db or jdbc:postgresql://db.local:5432/edgebench");
        }
        if (jdbcUrl.equals("jdbc:sqlite:") || jdbcUrl.equals("jdbc:sqlite::memory:")) {
            throw new IllegalArgumentException("--db [" + jdbcUrl + "] names no file; results would vanish at exit."
                    + " Give a file, e.g. jdbc:sqlite:results.db");
        }
    }

    /** {@code url} as given, or the default SQLite file when null. */
    public static DatabaseUrl of(String url, String user, String password) {
        return new DatabaseUrl(url == null ? DEFAULT : url, user, password);
    }

    public boolean sqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public String toString() {
        return jdbcUrl + (user == null ? "" : " user=" + user) + (password == null ? "" : " password=****");
    }
}

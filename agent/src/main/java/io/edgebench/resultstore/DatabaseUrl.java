package io.edgebench.resultstore;

import java.util.Objects;

/**
 * Where results are stored: a JDBC URL of SQLite (embedded, a file) or PostgreSQL, with optional credentials.
 * Neither the password given apart nor one inside the URL ({@code ?password=}, {@code user:secret@host}, a form
 * PostgreSQL's driver accepts) ever shows in {@link #toString()}; {@link #redact} masks them in any text (driver and
 * Flyway errors repeat the URL).
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

    /** {@code ?password=...} and {@code &sslpassword=...} values, and the secret of {@code //user:secret@host}. */
    private static final java.util.regex.Pattern URL_SECRET =
            java.util.regex.Pattern.compile("(?i)((?:ssl)?password=)[^&;\\s]*|(//[^/:@\\s]*:)[^@/\\s]*(@)");

    /** {@code text} with every secret of this URL masked: the separate password, and those inside the URL. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets()) {
            out = out.replace(secret, "****");
        }
        return URL_SECRET
                .matcher(out)
                .replaceAll(m -> m.group(1) != null
                        ? m.group(1) + "****"
                        : java.util.regex.Matcher.quoteReplacement(m.group(2) + "****" + m.group(3)));
    }

    private java.util.List<String> secrets() {
        java.util.List<String> s = new java.util.ArrayList<>();
        if (password != null && !password.isEmpty()) {
            s.add(password);
        }
        java.util.regex.Matcher m = URL_SECRET.matcher(jdbcUrl);
        while (m.find()) {
            String v =
                    m.group(1) != null ? jdbcUrl.substring(m.end(1), m.end()) : jdbcUrl.substring(m.end(2), m.start(3));
            if (v.length() >= 3) { // a one-letter "secret" would mask every such letter of a message
                s.add(v);
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return redact(jdbcUrl) + (user == null ? "" : " user=" + user) + (password == null ? "" : " password=****");
    }
}

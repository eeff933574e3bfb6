package io.edgebench.resultstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The SQLite file a connection writes to, by identity (device + inode). A connection keeps writing to a file that
 * was deleted or replaced under it, and every commit "succeeds" into an inode nobody will read again: comparing
 * the path's identity with the one opened after each commit is what tells a durable store from a lost one.
 */
record SqliteFile(Path path, Object fileKey) {

    /** The file of a jdbc:sqlite: URL: file: prefix and ?options removed. */
    static Path pathOf(String jdbcUrl) {
        String s = jdbcUrl.substring("jdbc:sqlite:".length());
        if (s.startsWith("file:")) {
            s = s.substring("file:".length());
        }
        int q = s.indexOf('?');
        return Path.of(q >= 0 ? s.substring(0, q) : s);
    }

    /** The identity of the file at {@code path} now. */
    static SqliteFile at(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return new SqliteFile(path, Objects.requireNonNull(key, "this file system has no file keys"));
    }

    /** Null while the path still names the file opened, else what changed. */
    String changed() {
        if (!Files.exists(path)) {
            return "database file [" + path + "] was deleted while the collector wrote to it";
        }
        try {
            return fileKey.equals(at(path).fileKey())
                    ? null
                    : "database file [" + path + "] was replaced by another file while the collector wrote to it";
        } catch (IOException e) {
            return "database file [" + path + "] cannot be checked: " + e.getMessage();
        }
    }
}

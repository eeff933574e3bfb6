package io.edgebench.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a broker password comes from, for the agent and every command alike: a file (its first line) or the
 * environment variable {@value #ENV}. Never from a flag's value: that would show in `ps` and shell history.
 */
public final class BrokerPassword {
    public static final String ENV = "EDGEBENCH_MQTT_PASSWORD";
    /** A password file is a line, not a document: refuse anything larger before reading it. */
    static final long MAX_FILE_BYTES = 4096;

    private BrokerPassword() {}

    /**
     * @param file the password file, or null for {@value #ENV}
     * @param key how the user set the file (password_file, --password-file), for the error message
     * @return the password, or null when neither is set
     */
    public static String read(Path file, String key, Map<String, String> env) {
        if (file == null) {
            return env.get(ENV);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(key + " [" + file + "] is " + size + " bytes, expected one line of"
                        + " at most " + MAX_FILE_BYTES + " bytes; is it the right file?");
            }
            // First line only: editors and `echo` add a trailing newline that is not part of the password.
            return Files.readString(file, StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    key + " [" + file + "] is not readable: " + e.getMessage()
                            + " (systemd: LoadCredential= or a file readable by the service user)",
                    e);
        }
    }
}

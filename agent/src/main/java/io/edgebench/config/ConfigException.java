package io.edgebench.config;

/** A configuration (device profile, agent.yaml) that cannot be used; fatal at start, exit code 78. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

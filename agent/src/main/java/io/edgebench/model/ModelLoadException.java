package io.edgebench.model;

/**
 * A model could not be loaded or prepared: malformed file, unsupported op, missing dynamic dimension, missing
 * accelerator. The message is for the user: what, the offending value, what was expected, and a hint.
 * Maps to exit code 65 on the command line and to a failed result over MQTT; never fatal to the daemon.
 */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

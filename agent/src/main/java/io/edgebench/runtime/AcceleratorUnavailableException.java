package io.edgebench.runtime;

import io.edgebench.model.ModelLoadException;

/**
 * The model may be fine, but the accelerator it was asked to run on is not usable here: its runtime library is not
 * installed, no device is attached, or the device is busy. Maps to exit code 69 (unavailable) on the command line
 * and to a failed result over MQTT; never fatal to the daemon.
 */
public class AcceleratorUnavailableException extends ModelLoadException {
    public AcceleratorUnavailableException(String message) {
        super(message);
    }

    public AcceleratorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

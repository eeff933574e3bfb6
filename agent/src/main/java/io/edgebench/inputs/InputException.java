package io.edgebench.inputs;

import io.edgebench.model.ModelLoadException;

/**
 * A user-chosen input cannot feed the model: wrong shape or dtype, an unreadable file or image, a name the model
 * does not have. The message names the input, the value and what was expected. A ModelLoadException so it travels
 * the same way (worker error kind "model", CLI exit 65 "bad input data", a failed result over MQTT).
 */
public class InputException extends ModelLoadException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}

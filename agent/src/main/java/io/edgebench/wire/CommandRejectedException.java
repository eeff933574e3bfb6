package io.edgebench.wire;

/**
 * A request the agent refuses; becomes a reply with {@code "ok": false}, the agent keeps serving. {@link #code()} is
 * one of the {@code Topics.ERR_*} codes.
 */
public final class CommandRejectedException extends Exception {
    private final String code;

    public CommandRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The common shape: {@code Command [verb] rejected: <what>. Example: <example>}. */
    public static CommandRejectedException badRequest(String verb, String what, String example) {
        String text = "Command [" + verb + "] rejected: " + what + (what.endsWith(".") ? "" : ".");
        if (example != null) {
            text += " Example: " + example;
        }
        return new CommandRejectedException(Topics.ERR_BAD_REQUEST, text);
    }
}

package io.edgebench.resultstore;

import java.util.Objects;

/** A message that can never be stored as it is: the collector quarantines it with this reason and goes on. */
public final class UnstorableException extends Exception {
    private final QuarantineReason reason;

    public UnstorableException(QuarantineReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public QuarantineReason reason() {
        return reason;
    }
}

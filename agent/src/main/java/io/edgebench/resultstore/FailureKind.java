package io.edgebench.resultstore;

/**
 * What a store failure means for the message being stored (issue 21). A collector acknowledges a message only once
 * it is durable: in the store, or, when it can never be stored as it is, in quarantine.
 */
public enum FailureKind {
    /** The database is down, locked, out of space or its file vanished: the same message will store later. */
    TRANSIENT,
    /** The message itself cannot be stored (a field the database refuses): retrying would fail forever. */
    PERMANENT
}

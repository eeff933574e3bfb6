package io.edgebench.telemetry;

/** A source that gives no data on this machine, and why, in words an operator can act on. */
public record Absent(String source, String reason) {
    public Absent {
        if (source == null || reason == null) {
            throw new IllegalArgumentException("absent source and reason must not be null");
        }
    }

    @Override
    public String toString() {
        return source + ": " + reason;
    }
}

package io.edgebench.wire;

import java.util.List;

/**
 * The {@code data} of a sensors reply: one reading of every source the profile lists, with units, and each absent
 * source with why (a missing sensor is "no data", not an error).
 */
public record SensorsSnapshot(String profile, List<Value> readings, List<Missing> absent) {
    public SensorsSnapshot {
        readings = List.copyOf(readings);
        absent = List.copyOf(absent);
    }

    /** One channel of one source, e.g. thermal zone0 temp_c 48.2 C. */
    public record Value(String source, String channel, double value, String unit) {}

    /** A source with no data, and why (not present, not readable, read failed). */
    public record Missing(String source, String reason) {}
}

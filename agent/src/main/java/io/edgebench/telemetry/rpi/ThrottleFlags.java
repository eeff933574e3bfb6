package io.edgebench.telemetry.rpi;

import java.util.ArrayList;
import java.util.List;

/**
 * Raspberry Pi firmware {@code get_throttled} bits: 0-3 are "now", 16-19 the sticky "has occurred since boot".
 */
public final class ThrottleFlags {
    public static final int UNDER_VOLTAGE = 1;
    /** Shift from a "now" bit to its sticky "has occurred" bit. */
    public static final int STICKY_SHIFT = 16;

    /** Bit i's condition, from bit 0 (UNDER_VOLTAGE) up. */
    private static final String[] NAMES = {
        "under-voltage", "arm frequency capped", "throttled", "soft temperature limit"
    };

    private ThrottleFlags() {}

    /** The names of the conditions in {@code bits}, now or sticky, each once: "under-voltage, throttled". */
    public static String describe(long bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((bits & (1L << i)) != 0 || (bits & (1L << (i + STICKY_SHIFT))) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** "now" bits folded with the sticky bits shifted down: every condition that is or was on. */
    public static long conditions(long bits) {
        return (bits | (bits >>> STICKY_SHIFT)) & 0xF;
    }
}

package io.edgebench.telemetry;

import java.util.Objects;

/** One value of one channel at one instant (System.nanoTime()); what `edgebench sensors` prints. */
public record Reading(Channel channel, double value, long timeNanos) {
    public Reading {
        Objects.requireNonNull(channel, "channel");
    }

    public String format() {
        String v = channel.quantity() == Quantity.THROTTLE_FLAGS
                ? "0x" + Long.toHexString((long) value)
                : String.format(java.util.Locale.ROOT, "%.3f", value);
        return channel.id() + " = " + v + " " + channel.unit();
    }
}

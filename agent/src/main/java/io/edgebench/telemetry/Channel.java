package io.edgebench.telemetry;

import java.util.Objects;

/**
 * One value a collector reads on every sample, e.g. {@code thermal/cpu-thermal} in {@link Quantity#TEMP_C}.
 *
 * @param id source/name, unique within one machine
 */
public record Channel(String id, Quantity quantity) {
    public Channel {
        Objects.requireNonNull(quantity, "quantity");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("channel id [" + id + "] must not be blank");
        }
    }

    public String unit() {
        return quantity.unit();
    }
}

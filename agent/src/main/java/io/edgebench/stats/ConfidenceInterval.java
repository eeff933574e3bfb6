package io.edgebench.stats;

import java.util.Objects;

/**
 * A confidence interval for one statistic, with the method that produced it (so a reader of the JSON can check it).
 *
 * @param low lower bound, same unit as the statistic
 * @param high upper bound
 * @param level nominal coverage, e.g. 0.95
 * @param method how it was computed, e.g. "order statistics (binomial), ranks 41..60 of 100"
 */
public record ConfidenceInterval(double low, double high, double level, String method) {
    public ConfidenceInterval {
        Objects.requireNonNull(method, "method");
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low [" + low + "] must not exceed high [" + high + "]");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level [" + level + "] must be in (0, 1)");
        }
    }

    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    /** Half the width relative to {@code center}, in percent (the --until-ci criterion). */
    public double halfWidthPct(double center) {
        return center == 0 ? Double.POSITIVE_INFINITY : (high - low) / 2 / Math.abs(center) * 100;
    }
}

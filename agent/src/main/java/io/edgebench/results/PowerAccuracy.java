package io.edgebench.results;

/**
 * A power source's accuracy class: the limits of its gain error (a fraction of the reading) and of its offset (watts),
 * from the chip's datasheet, or stated as an assumption where no maker publishes one. Energy intervals treat both as
 * rectangular type-B errors (GUM 4.3.7: limit / sqrt(3)) that are fully correlated over a run: a meter that reads 2 %
 * high reads 2 % high all run long, so they do not shrink with more samples.
 *
 * @param name the chip or class, e.g. "INA226", "HLW8012/BL0937 smart plug"
 * @param gainPct limit of the gain error of power, in % of the reading
 * @param offsetW limit of the offset of power, in watts (cancels in a net-of-idle figure: the same offset is in both)
 * @param basis where the figures come from (datasheet and table, or "assumed: ...")
 */
public record PowerAccuracy(String name, double gainPct, double offsetW, String basis) {

    /** No class known for the source: no accuracy term is added, and the report says so. */
    public static final PowerAccuracy UNSPECIFIED = new PowerAccuracy(
            "unspecified",
            0,
            0,
            "no accuracy class known for this source: its own gain and offset errors are not in the interval");

    public PowerAccuracy {
        if (!(gainPct >= 0 && gainPct <= 100) || !(offsetW >= 0 && offsetW <= 1000)) {
            throw new IllegalArgumentException("power accuracy [" + name + "]: gain_pct [" + gainPct + "] must be"
                    + " 0..100 and offset_w [" + offsetW + "] 0..1000");
        }
    }

    /** Standard uncertainty of the gain as a fraction (rectangular: limit / sqrt(3)). */
    public double gainU() {
        return gainPct / 100 / Math.sqrt(3);
    }

    /** Standard uncertainty of the offset in watts (rectangular: limit / sqrt(3)). */
    public double offsetU() {
        return offsetW / Math.sqrt(3);
    }
}

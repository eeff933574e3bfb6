package io.edgebench.telemetry;

/** What a channel measures, with the one unit it is reported in (kernel units are converted at the read site). */
public enum Quantity {
    TEMP_C("C"),
    POWER_W("W"),
    /** A cumulative energy counter, already unwrapped: only differences mean something. */
    ENERGY_MJ("mJ"),
    CURRENT_A("A"),
    VOLTAGE_V("V"),
    CPU_FREQ_MHZ("MHz"),
    CPU_UTIL_PCT("%"),
    /** Raspberry Pi firmware get_throttled bits, as an integer. */
    THROTTLE_FLAGS("bits"),
    /** Edge TPU clock inferred from the apex trip points. */
    ACCEL_CLOCK_MHZ("MHz");

    private final String unit;

    Quantity(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}

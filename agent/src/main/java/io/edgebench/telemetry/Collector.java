package io.edgebench.telemetry;

import io.edgebench.results.PowerAccuracy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One telemetry source (thermal zones, hwmon, RAPL, an INA226...). Channels are discovered once when the collector
 * is built; {@link #read} is then called from the single sampler thread only, so implementations may reuse buffers
 * and need no locking.
 */
public interface Collector extends AutoCloseable {

    /** Short source name as used in profiles and in {@code sources}/{@code absent}: thermal, hwmon, rapl... */
    String source();

    /** The channels, in the order {@link #read} fills them. Never empty. */
    List<Channel> channels();

    /** Upper bound on how often this source may be read (a vcgencmd call costs milliseconds). */
    default double maxRateHz() {
        return 1000;
    }

    /**
     * The smallest power step this source reports, in watts (a register LSB, the decimals a plug prints); 0 when
     * negligible next to the other errors. Feeds the stated energy uncertainty.
     */
    default double powerResolutionW() {
        return 0;
    }

    /**
     * This source's accuracy class (gain and offset limits with their basis), which energy intervals include;
     * {@link PowerAccuracy#UNSPECIFIED} when none is known, and the report then says so.
     */
    default PowerAccuracy powerAccuracy() {
        return PowerAccuracy.UNSPECIFIED;
    }

    /** The step of this source's energy counter, in mJ (RAPL's energy unit); 0 when negligible or no counter. */
    default double energyResolutionMj() {
        return 0;
    }

    /**
     * Measures, for at most {@code budget}, how often this source produces a new value (an INA2xx's conversion-ready
     * flag), or null when the source does not say (sysfs attributes are regenerated on every read). Called outside a
     * sampled run only (`edgebench sensors`).
     */
    default DataRate measureDataRate(java.time.Duration budget) throws IOException {
        return null;
    }

    /** Fills {@code values[i]} for {@code channels().get(i)}; NaN where this read has no value. */
    void read(double[] values) throws IOException;

    /** One read, as readings stamped now. */
    default List<Reading> snapshot() throws IOException {
        List<Channel> channels = channels();
        double[] values = new double[channels.size()];
        long now = System.nanoTime();
        read(values);
        List<Reading> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                out.add(new Reading(channels.get(i), values[i], now));
            }
        }
        return out;
    }

    @Override
    default void close() {}
}

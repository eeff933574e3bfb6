package io.edgebench.telemetry;

import java.time.Duration;
import java.util.List;

/**
 * A collector whose readings arrive on their own (an MQTT plug) instead of being read by the sampler: the sampler
 * calls {@link #drain} on its own thread, and the source appends what arrived since, each row stamped with the
 * System.nanoTime() the reading stands for (the plug's own timestamp mapped onto that clock, else its arrival).
 * Stale or missing readings are never appended: a silence stays a silence, never a zero.
 */
public interface PushSource {

    /** Appends the readings that arrived since the last call, oldest first, with strictly increasing times. */
    void drain(Series series);

    /** A silence longer than this inside the timed window means "no power data" there (energy invalid). */
    Duration maxSilence();

    /** The idle baseline this source needs to hold a few readings (a 1 Hz plug needs more than 1 s). */
    default Duration minBaseline() {
        return Duration.ZERO;
    }

    /**
     * The uncertainty of the times of its readings against the window's clock, in seconds (clock offset fit,
     * timestamp resolution, the interval a reading averages over).
     */
    double timingUncertaintyS();

    /** The rate readings arrived at recently (median spacing), or NaN before two readings. */
    double observedRateHz();

    /** What an operator should know about the feed: messages, rejected payloads, stale readings, rate. */
    List<String> notes();
}

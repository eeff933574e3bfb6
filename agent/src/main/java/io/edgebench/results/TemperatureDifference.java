package io.edgebench.results;

import io.edgebench.stats.RatioEstimate;

/**
 * How much less lane a heats the board than lane b: the difference of their rises over idle (b minus a, in degrees
 * Celsius; above 0, a runs cooler), a difference and not a ratio (temperatures are not ratio-scale), by Student t over
 * the ABBA quads, each interval widened by half the sensor's step on each side.
 *
 * @param lowC the 95 % interval's bounds, which decide "different"
 * @param equivalenceLowC the 90 % interval's bounds, which decide "equivalent" (TOST within +-{@code marginC})
 * @param method how it was measured, e.g. "rise over idle, 3 ABBA quads of 20 s blocks, thermal (step 1.0 °C)"
 */
public record TemperatureDifference(
        double differenceC,
        double lowC,
        double highC,
        double equivalenceLowC,
        double equivalenceHighC,
        RatioEstimate.Outcome outcome,
        double marginC,
        int quads,
        String method,
        String sensor) {}

package io.edgebench.results;

/**
 * How much less lane a heats the board than lane b: the difference of their rises over idle (b minus a, in degrees
 * Celsius; above 0, a runs cooler), a difference and not a ratio (temperatures are not ratio-scale), with its 95 %
 * interval by Student t over the ABBA quads, widened by half the sensor's step on each side.
 *
 * @param outcome "different", "equivalent" (90 % interval within +-{@code marginC}, TOST), "inconclusive"
 * @param method how it was measured, e.g. "rise over idle, 3 ABBA quads of 20 s blocks, thermal (step 1.0 °C)"
 */
public record TemperatureDifference(
        double differenceC,
        double lowC,
        double highC,
        String outcome,
        double marginC,
        int quads,
        String method,
        String sensor) {}

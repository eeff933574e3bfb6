package io.edgebench.telemetry;

/**
 * How often a source produces a new value, as measured on it (an INA226's conversion-ready flag polled for a while),
 * with what sets that rate in words, e.g. "INA226 conversions: 4 averages x (1100 + 1100) us".
 */
public record DataRate(double hz, String why) {}

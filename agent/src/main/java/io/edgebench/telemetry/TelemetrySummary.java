package io.edgebench.telemetry;

import java.util.List;
import java.util.Map;

/**
 * The thermal and power story of one run, as it lands in the result's {@code telemetry} object. Fields a machine
 * cannot measure are null (left out of JSON), never zero.
 */
public record TelemetrySummary(
        double sampleHz,
        long samples,
        Map<String, TempSpan> tempC,
        PowerW powerW,
        EnergyMj energyMj,
        int throttleEvents,
        FreqMhz cpuFreqMhz,
        List<String> sources,
        List<String> absent,
        boolean valid,
        List<String> invalidReasons,
        List<Map<String, Object>> trace) {

    public record TempSpan(double start, double max, double end) {}

    public record PowerW(Double idle, double mean, double max) {}

    public record EnergyMj(double total, double perInference, Double perInferenceNetOfIdle) {}

    public record FreqMhz(double min, double max) {}
}

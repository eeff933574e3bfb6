package io.edgebench.results;

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
        List<Map<String, Object>> trace,
        CooldownWait cooldown,
        EnergyReport energy) {

    public TelemetrySummary {
        tempC = tempC == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tempC));
        sources = sources == null ? List.of() : List.copyOf(sources);
        absent = absent == null ? List.of() : List.copyOf(absent);
        invalidReasons = invalidReasons == null ? List.of() : List.copyOf(invalidReasons);
        trace = trace == null ? List.of() : List.copyOf(trace);
        if (valid != invalidReasons.isEmpty()) {
            throw new IllegalArgumentException("valid [" + valid
                    + "] must be true exactly when invalid_reasons is empty," + " got " + invalidReasons);
        }
    }

    /** Without a cooldown wait (the calculator's view; the bench runner adds the wait with {@link #withCooldown}). */
    public TelemetrySummary(
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
        this(
                sampleHz,
                samples,
                tempC,
                powerW,
                energyMj,
                throttleEvents,
                cpuFreqMhz,
                sources,
                absent,
                valid,
                invalidReasons,
                trace,
                null,
                null);
    }

    /** This summary with one more line in absent (what could not be measured, and why). */
    /** The collectors whose readings count throttle events: Pi firmware flags, the Edge TPU's clock. */
    static final java.util.Set<String> THROTTLE_SOURCES = java.util.Set.of("rpi_throttle", "apex");

    /**
     * Whether {@code throttle_events} was measured: it stays 0 in JSON (its wire type is a count) but means "none
     * seen" only when a throttle source ran; tables print "-" otherwise.
     */
    public boolean throttlingMeasured() {
        return sources.stream().anyMatch(THROTTLE_SOURCES::contains);
    }

    public TelemetrySummary withAbsent(String line) {
        List<String> more = new java.util.ArrayList<>(absent);
        more.add(line);
        return new TelemetrySummary(
                sampleHz,
                samples,
                tempC,
                powerW,
                energyMj,
                throttleEvents,
                cpuFreqMhz,
                sources,
                more,
                valid,
                invalidReasons,
                trace,
                cooldown,
                energy);
    }

    /** This summary with the energy report (per inference, its uncertainty, the source, validity). */
    public TelemetrySummary withEnergy(EnergyReport report) {
        return new TelemetrySummary(
                sampleHz,
                samples,
                tempC,
                powerW,
                energyMj,
                throttleEvents,
                cpuFreqMhz,
                sources,
                absent,
                valid,
                invalidReasons,
                trace,
                cooldown,
                report);
    }

    /** This summary with the outcome of the cooldown wait that preceded the run. */
    public TelemetrySummary withCooldown(CooldownWait wait) {
        return new TelemetrySummary(
                sampleHz,
                samples,
                tempC,
                powerW,
                energyMj,
                throttleEvents,
                cpuFreqMhz,
                sources,
                absent,
                valid,
                invalidReasons,
                trace,
                wait,
                energy);
    }

    /**
     * This summary with one more reason the run is invalid, for verdicts only the bench runner can make, e.g.
     * "CPU fallback detected: 3 of 41 ops not on the Edge TPU" when full delegation was required.
     */
    public TelemetrySummary withInvalidReason(String reason) {
        List<String> reasons = new java.util.ArrayList<>(invalidReasons);
        reasons.add(reason);
        return new TelemetrySummary(
                sampleHz,
                samples,
                tempC,
                powerW,
                energyMj,
                throttleEvents,
                cpuFreqMhz,
                sources,
                absent,
                false,
                reasons,
                trace,
                cooldown,
                energy);
    }

    /**
     * The bounded wait before the run ({@code --cooldown-to-c}).
     *
     * @param hottestC the hottest zone when the wait ended; null when no temperature sensor was readable
     */
    public record CooldownWait(double targetC, boolean reached, Double hottestC, double waitedS, String message) {}

    public record TempSpan(double start, double max, double end) {}

    public record PowerW(Double idle, double mean, double max) {}

    public record EnergyMj(double total, double perInference, Double perInferenceNetOfIdle) {}

    public record FreqMhz(double min, double max) {}
}

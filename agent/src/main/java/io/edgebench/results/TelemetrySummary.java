package io.edgebench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The collectors whose readings count throttle events: Pi firmware flags, the Edge TPU's clock. */
    static final Set<String> THROTTLE_SOURCES = Set.of("rpi_throttle", "apex");

    /**
     * Whether {@code throttle_events} was measured: it stays 0 in JSON (its wire type is a count) but means "none
     * seen" only when a throttle source ran; tables print "-" otherwise.
     */
    public boolean throttlingMeasured() {
        return sources.stream().anyMatch(THROTTLE_SOURCES::contains);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.sampleHz = sampleHz;
        b.samples = samples;
        b.tempC = tempC;
        b.powerW = powerW;
        b.energyMj = energyMj;
        b.throttleEvents = throttleEvents;
        b.cpuFreqMhz = cpuFreqMhz;
        b.sources = sources;
        b.absent.addAll(absent);
        b.invalidReasons.addAll(invalidReasons);
        b.trace = trace;
        b.cooldown = cooldown;
        b.energy = energy;
        return b;
    }

    /** Builds a summary by name; valid follows from the invalid reasons (none: valid). */
    public static final class Builder {
        private double sampleHz;
        private long samples;
        private Map<String, TempSpan> tempC;
        private PowerW powerW;
        private EnergyMj energyMj;
        private int throttleEvents;
        private FreqMhz cpuFreqMhz;
        private List<String> sources;
        private final List<String> absent = new ArrayList<>();
        private final List<String> invalidReasons = new ArrayList<>();
        private List<Map<String, Object>> trace;
        private CooldownWait cooldown;
        private EnergyReport energy;

        private Builder() {}

        /** The sampling rate, and how many samples fell in the timed window. */
        public Builder sampled(double hz, long count) {
            sampleHz = hz;
            samples = count;
            return this;
        }

        public Builder tempC(Map<String, TempSpan> v) {
            tempC = v;
            return this;
        }

        public Builder power(PowerW watts, EnergyMj millijoules) {
            powerW = watts;
            energyMj = millijoules;
            return this;
        }

        public Builder throttleEvents(int v) {
            throttleEvents = v;
            return this;
        }

        public Builder cpuFreqMhz(FreqMhz v) {
            cpuFreqMhz = v;
            return this;
        }

        public Builder sources(List<String> v) {
            sources = v;
            return this;
        }

        /** One more line saying what could not be measured, and why. */
        public Builder absent(String line) {
            absent.add(line);
            return this;
        }

        /** One more reason the run is invalid (e.g. "CPU fallback detected: 3 of 41 ops not on the Edge TPU"). */
        public Builder invalidReason(String reason) {
            invalidReasons.add(reason);
            return this;
        }

        public Builder trace(List<Map<String, Object>> v) {
            trace = v;
            return this;
        }

        /** The outcome of the cooldown wait that preceded the run. */
        public Builder cooldown(CooldownWait v) {
            cooldown = v;
            return this;
        }

        /** The energy report: per inference, its uncertainty, the source, validity. */
        public Builder energy(EnergyReport v) {
            energy = v;
            return this;
        }

        public TelemetrySummary build() {
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
                    invalidReasons.isEmpty(),
                    invalidReasons,
                    trace,
                    cooldown,
                    energy);
        }
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

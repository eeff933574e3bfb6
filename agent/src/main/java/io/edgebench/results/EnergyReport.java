package io.edgebench.results;

import java.util.List;
import java.util.Locale;

/**
 * Energy per inference as a result states it: which source measured it, the value with its 95 % uncertainty, the
 * same net of the idle baseline, what the uncertainty is made of, and whether the energy is valid at all (a power
 * source silent inside the window makes it invalid; the silent part is named, never filled with zeros). Fields that
 * cannot be known are null.
 *
 * @param powerSource the source used: ina2xx, mqtt_power, hwmon, rpi_pmic or rapl
 * @param powerSourceDetail what that source is and how it fared, e.g. "tasmota:plug1 on tele/plug1/SENSOR: 63
 *     readings, 1.00 Hz, resolution 0.01 W"
 * @param method power_integral (trapezoid over power samples) or counter (an energy counter's difference)
 * @param powerGaps parts of the window without power data, in seconds from the window start
 * @param powerReadings power samples (or counter readings) inside the window
 * @param sampleRateHz their median rate
 * @param resolutionW the source's power step (0: negligible)
 * @param idleSpreadW standard deviation of power over the idle baseline
 * @param relativeUncertaintyPct energy_per_inference_uncertainty_mj over energy_per_inference_mj, in %
 * @param accuracy the --energy-accuracy target and whether it was reached (added by the bench runner)
 * @param sourceAccuracy the power source's accuracy class, whose gain and offset errors the intervals include
 * @param idleDriftW mean idle power after the run minus before it; null without both baselines. The net-of-idle
 *     figure subtracts their mean, and its interval includes the drift (rectangular over the two)
 */
public record EnergyReport(
        String powerSource,
        String powerSourceDetail,
        String method,
        boolean valid,
        List<String> invalidReasons,
        List<Gap> powerGaps,
        Double energyPerInferenceMj,
        Double energyPerInferenceUncertaintyMj,
        Double energyPerInferenceNetOfIdleMj,
        Double energyPerInferenceNetOfIdleUncertaintyMj,
        Double relativeUncertaintyPct,
        double confidencePct,
        long powerReadings,
        Double sampleRateHz,
        double resolutionW,
        Double idleSpreadW,
        Accuracy accuracy,
        PowerAccuracy sourceAccuracy,
        Double idleDriftW) {

    public EnergyReport {
        invalidReasons = invalidReasons == null ? List.of() : List.copyOf(invalidReasons);
        powerGaps = powerGaps == null ? List.of() : List.copyOf(powerGaps);
        if (valid != invalidReasons.isEmpty()) {
            throw new IllegalArgumentException("energy valid [" + valid + "] must be true exactly when"
                    + " invalid_reasons is empty, got " + invalidReasons);
        }
    }

    /** A stretch of the window without power data, in seconds from the window start. */
    public record Gap(double fromS, double toS) {}

    /**
     * The --energy-accuracy outcome.
     *
     * @param targetPct the relative 95 % uncertainty asked for
     * @param reached whether energy per inference was known to it when the timed window ended
     */
    public record Accuracy(double targetPct, boolean reached, String message) {}

    /** This report with the accuracy outcome. */
    public EnergyReport withAccuracy(Accuracy a) {
        return toBuilder().accuracy(a).build();
    }

    /** A report from {@code powerSource} measured by {@code method}; valid until a reason is added. */
    public static Builder builder(String powerSource, String method) {
        return new Builder(powerSource, method);
    }

    public Builder toBuilder() {
        Builder b = new Builder(powerSource, method)
                .detail(powerSourceDetail)
                .gaps(powerGaps)
                .perInference(energyPerInferenceMj, energyPerInferenceUncertaintyMj)
                .netOfIdle(energyPerInferenceNetOfIdleMj, energyPerInferenceNetOfIdleUncertaintyMj)
                .samples(powerReadings, sampleRateHz, resolutionW, idleSpreadW)
                .accuracy(accuracy)
                .sourceAccuracy(sourceAccuracy)
                .idleDriftW(idleDriftW);
        b.reasons.addAll(invalidReasons);
        b.confidencePct = confidencePct;
        return b;
    }

    /** Builds an EnergyReport: the figures, the source's account, validity from the reasons. */
    public static final class Builder {
        private final String powerSource;
        private final String method;
        private String detail;
        private final List<String> reasons = new java.util.ArrayList<>();
        private List<Gap> gaps = List.of();
        private Double perInferenceMj;
        private Double perInferenceUncertaintyMj;
        private Double netMj;
        private Double netUncertaintyMj;
        private double confidencePct = 95;
        private long readings;
        private Double rateHz;
        private double resolutionW;
        private Double idleSpreadW;
        private Accuracy accuracy;
        private PowerAccuracy sourceAccuracy;
        private Double idleDriftW;

        private Builder(String powerSource, String method) {
            this.powerSource = powerSource;
            this.method = method;
        }

        public Builder detail(String v) {
            detail = v;
            return this;
        }

        /** A reason the energy is invalid; the figures are then dropped. */
        public Builder invalid(String reason) {
            reasons.add(reason);
            return this;
        }

        public Builder gaps(List<Gap> v) {
            gaps = v;
            return this;
        }

        public Builder perInference(Double mj, Double uncertaintyMj) {
            perInferenceMj = mj;
            perInferenceUncertaintyMj = uncertaintyMj;
            return this;
        }

        public Builder netOfIdle(Double mj, Double uncertaintyMj) {
            netMj = mj;
            netUncertaintyMj = uncertaintyMj;
            return this;
        }

        /** Readings inside the window, their rate, the source's power step, the idle baseline's spread. */
        public Builder samples(long count, Double hz, double stepW, Double idleSpread) {
            readings = count;
            rateHz = hz;
            resolutionW = stepW;
            idleSpreadW = idleSpread;
            return this;
        }

        public Builder confidencePct(double v) {
            confidencePct = v;
            return this;
        }

        public Builder accuracy(Accuracy v) {
            accuracy = v;
            return this;
        }

        public Builder sourceAccuracy(PowerAccuracy v) {
            sourceAccuracy = v;
            return this;
        }

        public Builder idleDriftW(Double v) {
            idleDriftW = v;
            return this;
        }

        public EnergyReport build() {
            boolean ok = reasons.isEmpty();
            // an invalid report carries no figures: left out of JSON, never zeros
            Double per = ok ? perInferenceMj : null;
            Double perU = ok ? perInferenceUncertaintyMj : null;
            Double net = ok ? netMj : null;
            Double netU = ok ? netUncertaintyMj : null;
            Double rel = per == null || perU == null || per == 0 ? null : Math.abs(perU / per) * 100;
            return new EnergyReport(
                    powerSource,
                    detail,
                    method,
                    ok,
                    reasons,
                    gaps,
                    per,
                    perU,
                    net,
                    netU,
                    rel,
                    confidencePct,
                    readings,
                    rateHz,
                    resolutionW,
                    idleSpreadW,
                    accuracy,
                    sourceAccuracy,
                    idleDriftW);
        }
    }

    /** "0.840 mJ ± 0.090 mJ (95 %)", or why there is no figure. */
    public String text() {
        if (!valid) {
            return "invalid: " + String.join("; ", invalidReasons);
        }
        if (energyPerInferenceMj == null) {
            return "n/a";
        }
        return energyPerInferenceUncertaintyMj == null
                ? mj(energyPerInferenceMj) + " (uncertainty unknown)"
                : mj(energyPerInferenceMj) + " ± " + mj(energyPerInferenceUncertaintyMj)
                        + String.format(Locale.ROOT, " (%.0f %%)", confidencePct);
    }

    public static String mj(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f mJ" : Math.abs(v) >= 1 ? "%.3f mJ" : "%.4g mJ", v);
    }
}

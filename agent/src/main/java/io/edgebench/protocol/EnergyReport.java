package io.edgebench.protocol;

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
        Accuracy accuracy) {

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
        return new EnergyReport(powerSource, powerSourceDetail, method, valid, invalidReasons, powerGaps,
                energyPerInferenceMj, energyPerInferenceUncertaintyMj, energyPerInferenceNetOfIdleMj,
                energyPerInferenceNetOfIdleUncertaintyMj, relativeUncertaintyPct, confidencePct, powerReadings,
                sampleRateHz, resolutionW, idleSpreadW, a);
    }

    /** "0.840 mJ ± 0.090 mJ (95 %)", or why there is no figure. */
    public String text() {
        if (!valid) {
            return "invalid: " + String.join("; ", invalidReasons);
        }
        if (energyPerInferenceMj == null) {
            return "n/a";
        }
        return energyPerInferenceUncertaintyMj == null ? mj(energyPerInferenceMj) + " (uncertainty unknown)"
                : mj(energyPerInferenceMj) + " ± " + mj(energyPerInferenceUncertaintyMj)
                        + String.format(Locale.ROOT, " (%.0f %%)", confidencePct);
    }

    public static String mj(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f mJ" : Math.abs(v) >= 1 ? "%.3f mJ" : "%.4g mJ", v);
    }
}

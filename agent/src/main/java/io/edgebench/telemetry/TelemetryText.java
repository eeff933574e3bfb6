package io.edgebench.telemetry;

import io.edgebench.results.EnergyReport;
import io.edgebench.results.TelemetrySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Human lines for a {@link TelemetrySummary}, for the terminal result table: what was measured, what is absent. */
public final class TelemetryText {
    private TelemetryText() {}

    /** The energy lines: the figure with its uncertainty and source, net of idle, accuracy target, gaps. */
    static void lines(EnergyReport e, List<String> out) {
        String rate = e.sampleRateHz() == null ? "" : String.format(Locale.ROOT, ", %.3g Hz", e.sampleRateHz());
        out.add("  energy_per_inference " + e.text() + " from " + e.powerSource() + rate);
        if (e.valid() && e.energyPerInferenceNetOfIdleMj() != null) {
            out.add("  energy_per_inference net of idle " + EnergyReport.mj(e.energyPerInferenceNetOfIdleMj())
                    + (e.energyPerInferenceNetOfIdleUncertaintyMj() == null
                            ? " (uncertainty unknown)"
                            : " ± " + EnergyReport.mj(e.energyPerInferenceNetOfIdleUncertaintyMj())));
        }
        if (e.accuracy() != null) {
            out.add("  energy_accuracy: " + e.accuracy().message());
        }
        if (e.powerSourceDetail() != null) {
            out.add("  power_source: " + e.powerSourceDetail());
        }
    }

    public static List<String> lines(TelemetrySummary s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            out.add("telemetry: off");
            return out;
        }
        out.add(String.format(
                Locale.ROOT,
                "telemetry: %d samples at %.0f Hz from %s",
                s.samples(),
                s.sampleHz(),
                s.sources().isEmpty() ? "no source" : String.join(", ", s.sources())));
        if (s.tempC() != null) {
            for (Map.Entry<String, TelemetrySummary.TempSpan> e : s.tempC().entrySet()) {
                TelemetrySummary.TempSpan t = e.getValue();
                out.add(String.format(
                        Locale.ROOT,
                        "  temp_c %-28s start %.1f  max %.1f  end %.1f",
                        e.getKey(),
                        t.start(),
                        t.max(),
                        t.end()));
            }
        }
        if (s.powerW() != null) {
            TelemetrySummary.PowerW p = s.powerW();
            out.add(String.format(
                    Locale.ROOT,
                    "  power_w idle %s  mean %.3f  max %.3f",
                    p.idle() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", p.idle()),
                    p.mean(),
                    p.max()));
        }
        if (s.energyMj() != null) {
            TelemetrySummary.EnergyMj e = s.energyMj();
            out.add(String.format(
                    Locale.ROOT,
                    "  energy_mj total %.1f  per inference %.3f  net of idle %s",
                    e.total(),
                    e.perInference(),
                    e.perInferenceNetOfIdle() == null
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", e.perInferenceNetOfIdle())));
        }
        if (s.energy() != null) {
            lines(s.energy(), out);
        }
        if (s.cpuFreqMhz() != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "  cpu_freq_mhz min %.0f  max %.0f",
                    s.cpuFreqMhz().min(),
                    s.cpuFreqMhz().max()));
        }
        out.add("  throttle_events "
                + (s.throttlingMeasured() ? Integer.toString(s.throttleEvents()) : "not measured (no throttle source)")
                + (s.valid() ? "" : "  INVALID: " + String.join("; ", s.invalidReasons())));
        if (s.cooldown() != null) {
            out.add("  cooldown: " + s.cooldown().message());
        }
        s.absent().forEach(a -> out.add("  absent: " + a));
        return out;
    }
}

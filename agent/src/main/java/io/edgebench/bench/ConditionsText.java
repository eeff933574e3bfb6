package io.edgebench.bench;

import io.edgebench.results.CoreInfo;
import io.edgebench.results.CpuPlacement;
import io.edgebench.results.Interference;
import io.edgebench.results.RateOutcome;
import io.edgebench.results.RunConditions;
import io.edgebench.results.UntilCi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Terminal lines for {@link RunConditions}: interference, rate outcome, --until-ci, CPUs. */
public final class ConditionsText {
    private ConditionsText() {}

    public static List<String> lines(RunConditions c) {
        List<String> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        Interference i = c.interference();
        if (i != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "%-12s others %.0f %% of a core, steal %.0f %%, worker %.0f %%,"
                            + " edgebench's other processes %.0f %% over %.2f s%s",
                    "interference",
                    i.otherCorePct(),
                    i.stealCorePct(),
                    i.selfCorePct(),
                    i.edgebenchCorePct(),
                    i.windowS(),
                    i.freqKhz().isEmpty() ? " (no cpufreq)" : ""));
        }
        RateOutcome r = c.rate();
        if (r != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "%-12s %s%s Hz: %.1f served/s, %d of %d missed their deadline, "
                            + "queue wait mean %.3f ms max %.3f ms, service p50 %.3f ms",
                    "rate",
                    r.poisson() ? "Poisson " : "",
                    num(r.rateHz()),
                    r.achievedIps(),
                    r.missedDeadlines(),
                    r.arrivals(),
                    r.queueDelayMeanUs() / 1e3,
                    r.queueDelayMaxUs() / 1e3,
                    r.serviceP50Us() / 1e3));
        }
        UntilCi u = c.untilCi();
        if (u != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "%-12s target %s %%, reached %s (half-width %s)",
                    "until-ci",
                    num(u.targetPct()),
                    u.reached() ? "yes" : "no",
                    u.achievedPct() == null ? "-" : String.format(Locale.ROOT, "%.2f %%", u.achievedPct())));
        }
        if (c.runtimeSettings() != null) {
            out.add(String.format(
                    Locale.ROOT, "%-12s %s", "settings", c.runtimeSettings().text()));
        }
        CpuPlacement p = c.cpus();
        if (p != null && p.allowed() != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "%-12s %s%s",
                    "cpus",
                    p.allowed() + (p.requested().isEmpty() ? "" : " (pinned)"),
                    cores(p.cores())));
        }
        return out;
    }

    private static String cores(List<CoreInfo> cores) {
        List<String> parts = new ArrayList<>();
        for (CoreInfo k : cores) {
            if (k.part() != null || k.coreClass() != null) {
                parts.add("cpu" + k.cpu() + " " + (k.part() == null ? "" : k.part())
                        + (k.coreClass() == null ? "" : " " + k.coreClass()));
            }
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

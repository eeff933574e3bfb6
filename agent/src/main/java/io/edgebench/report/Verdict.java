package io.edgebench.report;

import io.edgebench.resultstore.ResultFields.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A device's verdict in words: which lane is fastest at p50 and by how much over the runner-up (significant only
 * when both confidence intervals are there and do not overlap), which uses the least energy per inference, and
 * which lanes are not to be trusted, with why.
 */
public final class Verdict {
    private Verdict() {}

    public static String of(String device, List<ReportLane> lanes) {
        List<ReportLane> measured = lanes.stream().filter(ReportLane::measured).toList();
        if (measured.isEmpty()) {
            return device + ": no lane produced a latency measurement (" + lanes.size() + " lane(s); see the statuses"
                    + " and errors below).";
        }
        List<ReportLane> trusted = measured.stream().filter(l -> !Boolean.FALSE.equals(l.valid())).toList();
        List<ReportLane> pool = trusted.isEmpty() ? measured : trusted;
        List<ReportLane> byP50 = pool.stream().sorted(Comparator.comparingDouble(ReportLane::p50Us)).toList();
        ReportLane best = byP50.get(0);
        StringBuilder b = new StringBuilder(device).append(": ");
        if (byP50.size() == 1) {
            b.append("one ").append(trusted.isEmpty() ? "" : "valid ").append("lane, ").append(best.label())
                    .append(", p50 ").append(ms(best.p50Us())).append(ci(best.p50CiUs())).append('.');
        } else {
            ReportLane next = byP50.get(1);
            double ratio = next.p50Us() / best.p50Us();
            b.append(best.label()).append(" is fastest at p50, ").append(ms(best.p50Us())).append(ci(best.p50CiUs()))
                    .append("; ").append(significance(best, next, ratio)).append(' ').append(next.label())
                    .append(" (").append(ms(next.p50Us())).append(ci(next.p50CiUs()).replace(" (", ", ")
                    .replace(")", "")).append(").");
        }
        if (trusted.isEmpty()) {
            b.append(" Every lane was marked invalid, so this ranking is not to be trusted.");
        }
        b.append(' ').append(energy(pool));
        List<String> invalid = new ArrayList<>();
        for (ReportLane l : lanes) {
            if (Boolean.FALSE.equals(l.valid())) {
                invalid.add(l.label() + " (" + (l.invalidReasons().isEmpty() ? "no reason given"
                        : String.join("; ", l.invalidReasons())) + ")");
            } else if (!l.measured()) {
                invalid.add(l.label() + " (" + (l.status() == null ? "no result" : l.status())
                        + (l.error() == null ? "" : ": " + l.error()) + ")");
            }
        }
        if (!invalid.isEmpty()) {
            b.append(' ').append(invalid.size()).append(invalid.size() == 1 ? " lane is" : " lanes are")
                    .append(" not to be trusted: ").append(String.join(", ", invalid)).append('.');
        }
        return b.toString();
    }

    /** The fastest trusted lane over every device, for the page's first line. */
    public static Optional<String> overall(List<ReportLane> lanes) {
        return lanes.stream().filter(ReportLane::measured).filter(l -> !Boolean.FALSE.equals(l.valid()))
                .min(Comparator.comparingDouble(ReportLane::p50Us))
                .map(l -> "Fastest valid lane over " + devices(lanes) + " device(s): " + l.label() + " on " + l.device()
                        + ", p50 " + ms(l.p50Us()) + ci(l.p50CiUs()) + ".");
    }

    private static long devices(List<ReportLane> lanes) {
        return lanes.stream().map(ReportLane::device).distinct().count();
    }

    private static String significance(ReportLane best, ReportLane next, double ratio) {
        String times = String.format(Locale.ROOT, "%.2fx faster than", ratio);
        if (best.p50CiUs() == null || next.p50CiUs() == null) {
            return times + " (no confidence intervals in these results, so significance is unknown)";
        }
        boolean apart = best.p50CiUs().hi() < next.p50CiUs().lo();
        return apart ? times + " (95 % CIs do not overlap)"
                : String.format(Locale.ROOT, "not significantly faster (%.2fx, the 95 %% CIs overlap) than", ratio);
    }

    private static String energy(List<ReportLane> lanes) {
        Optional<ReportLane> least = lanes.stream().filter(l -> l.energyPerInferenceMj() != null)
                .min(Comparator.comparingDouble(ReportLane::energyPerInferenceMj));
        if (least.isEmpty()) {
            return "Energy per inference was not measured (no power source on this board).";
        }
        ReportLane l = least.get();
        return "Least energy per inference: " + l.label() + " at " + mj(l.energyPerInferenceMj(),
                l.energyUncertaintyMj()) + ".";
    }

    static String ms(Double us) {
        if (us == null) {
            return "absent";
        }
        double ms = us / 1000;
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
    }

    static String ci(Interval ci) {
        if (ci == null) {
            return "";
        }
        return " (95 % CI " + ms(ci.lo()).replace(" ms", "") + "-" + ms(ci.hi()) + ")";
    }

    static String mj(Double mj, Double pm) {
        if (mj == null) {
            return "absent";
        }
        String v = String.format(Locale.ROOT, "%.2f mJ", mj);
        return pm == null ? v : v + String.format(Locale.ROOT, " ± %.2f mJ", pm);
    }
}

package io.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.results.AccuracyPair;
import io.edgebench.resultstore.ResultFields;
import io.edgebench.resultstore.ResultFields.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A device's verdict in words, per workload: which lane is fastest at p50 and by how much over the runner-up (for
 * two lanes of one compare, the compare's own paired verdict; for separate runs, significant only when both
 * unpaired confidence intervals are there and do not overlap), which uses the least energy per inference, and which
 * lanes are not to be trusted, with why.
 */
public final class Verdict {
    private Verdict() {}

    public static String of(String device, List<ReportLane> lanes) {
        List<ReportLane> measured = lanes.stream().filter(ReportLane::measured).toList();
        if (measured.isEmpty()) {
            return device + ": no lane produced a latency measurement (" + lanes.size() + " lane(s); see the statuses"
                    + " and errors below).";
        }
        List<ReportLane> trusted =
                measured.stream().filter(l -> !Boolean.FALSE.equals(l.valid())).toList();
        List<ReportLane> pool = trusted.isEmpty() ? measured : trusted;
        StringBuilder b = new StringBuilder(device).append(": ");
        Map<String, List<ReportLane>> byWorkload = byWorkload(pool);
        for (List<ReportLane> same : byWorkload.values()) {
            if (byWorkload.size() > 1) {
                b.append(same.get(0).workloadTitle())
                        .append(" (ranked only against lanes with the same model and" + " inputs): ");
            }
            rank(b, same, !trusted.isEmpty());
            b.append(' ').append(energy(same)).append(' ');
            notMeasured(b, same);
            accuracy(b, same);
        }
        b.setLength(b.length() - 1);
        if (trusted.isEmpty()) {
            b.append(" Every lane was marked invalid, so this ranking is not to be trusted.");
        }
        List<String> invalid = new ArrayList<>();
        for (ReportLane l : lanes) {
            if (Boolean.FALSE.equals(l.valid())) {
                invalid.add(l.label() + " ("
                        + (l.invalidReasons().isEmpty() ? "no reason given" : String.join("; ", l.invalidReasons()))
                        + ")");
            } else if (!l.measured()) {
                invalid.add(l.label() + " (" + (l.status() == null ? "no result" : l.status())
                        + (l.error() == null ? "" : ": " + l.error()) + ")");
            }
        }
        if (!invalid.isEmpty()) {
            b.append(' ')
                    .append(invalid.size())
                    .append(invalid.size() == 1 ? " lane is" : " lanes are")
                    .append(" not to be trusted: ")
                    .append(String.join(", ", invalid))
                    .append('.');
        }
        return b.toString();
    }

    private static void rank(StringBuilder b, List<ReportLane> pool, boolean trusted) {
        List<ReportLane> byP50 = pool.stream()
                .sorted(Comparator.comparingDouble(ReportLane::p50Us))
                .toList();
        ReportLane best = byP50.get(0);
        if (byP50.size() == 1) {
            b.append("one ")
                    .append(trusted ? "valid " : "")
                    .append("lane, ")
                    .append(best.label())
                    .append(", p50 ")
                    .append(ms(best.p50Us()))
                    .append(ci(best.p50CiUs()))
                    .append('.');
        } else {
            ReportLane next = byP50.get(1);
            double ratio = next.p50Us() / best.p50Us();
            b.append(best.label())
                    .append(" is fastest at p50, ")
                    .append(ms(best.p50Us()))
                    .append(ci(best.p50CiUs()))
                    .append("; ");
            Optional<String> paired = pairedVerdict(best, next);
            if (paired.isPresent()) {
                b.append("paired over its worker processes, the compare says: ")
                        .append(paired.get().replaceFirst("\\.$", ""))
                        .append('.');
                return;
            }
            boolean sameCompare = sameCompare(best, next);
            b.append(
                            sameCompare
                                    ? String.format(Locale.ROOT, "%.2fx faster than", ratio)
                                    : significance(best, next, ratio))
                    .append(' ')
                    .append(next.label())
                    .append(" (")
                    .append(ms(next.p50Us()))
                    .append(ci(next.p50CiUs()).replace(" (", ", ").replace(")", ""))
                    .append(')')
                    .append(
                            sameCompare
                                    ? "; the compare carries no verdict on this pair, so significance is unknown"
                                    : "")
                    .append('.');
        }
    }

    /** Lanes grouped by what they ran (model and inputs), in the order first seen. */
    static Map<String, List<ReportLane>> byWorkload(List<ReportLane> lanes) {
        Map<String, List<ReportLane>> groups = new LinkedHashMap<>();
        lanes.forEach(l ->
                groups.computeIfAbsent(l.workload(), k -> new ArrayList<>()).add(l));
        return groups;
    }

    /**
     * The fastest trusted lane over every device, for the page's first line: one per workload (model and inputs),
     * since lanes that ran different models are not ranked against each other.
     */
    public static Optional<String> overall(List<ReportLane> lanes) {
        List<ReportLane> trusted = lanes.stream()
                .filter(ReportLane::measured)
                .filter(l -> !Boolean.FALSE.equals(l.valid()))
                .toList();
        List<String> lines = new ArrayList<>();
        for (List<ReportLane> same : byWorkload(trusted).values()) {
            ReportLane l = same.stream()
                    .min(Comparator.comparingDouble(ReportLane::p50Us))
                    .orElseThrow();
            lines.add("Fastest valid lane for " + l.workloadTitle() + " over " + devices(same) + " device(s): "
                    + l.label() + " on " + l.device() + ", p50 " + ms(l.p50Us()) + ci(l.p50CiUs()) + ".");
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", lines));
    }

    private static long devices(List<ReportLane> lanes) {
        return lanes.stream().map(ReportLane::device).distinct().count();
    }

    private static boolean sameCompare(ReportLane a, ReportLane b) {
        return a.compare() != null
                && b.compare() != null
                && a.device().equals(b.device())
                && a.jobId().equals(b.jobId());
    }

    /** The compare's own verdict on two of its lanes (over worker processes, with its outcome), when it has one. */
    private static Optional<String> pairedVerdict(ReportLane best, ReportLane next) {
        if (!sameCompare(best, next)) {
            return Optional.empty();
        }
        int x = best.compare().lane();
        int y = next.compare().lane();
        for (JsonNode v : best.compare().verdicts()) {
            Integer a = ResultFields.integer(v, "a");
            Integer c = ResultFields.integer(v, "b");
            String text = ResultFields.text(v, "text");
            if (text != null && a != null && c != null && (a == x && c == y || a == y && c == x)) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** Separate runs: their own p50 intervals, unpaired, are all there is to go on. */
    private static String significance(ReportLane best, ReportLane next, double ratio) {
        String times = String.format(Locale.ROOT, "%.2fx faster than", ratio);
        if (best.p50CiUs() == null || next.p50CiUs() == null) {
            return times + " (no confidence intervals in these results, so significance is unknown)";
        }
        boolean apart = best.p50CiUs().hi() < next.p50CiUs().lo();
        return apart
                ? times + " (separate runs, unpaired: their 95 % CIs do not overlap)"
                : String.format(
                        Locale.ROOT,
                        "not significantly faster (%.2fx; separate runs, unpaired: their 95 %% CIs overlap) than",
                        ratio);
    }

    /** Each compare's own lines for the axes it did not measure, once per compare. */
    private static void notMeasured(StringBuilder b, List<ReportLane> lanes) {
        Map<String, ReportLane.Compare> compares = new LinkedHashMap<>();
        lanes.stream().filter(l -> l.compare() != null).forEach(l -> compares.putIfAbsent(l.jobId(), l.compare()));
        compares.forEach((job, c) -> {
            if (!c.notMeasured().isEmpty()) {
                b.append("Compare ")
                        .append(job)
                        .append(": ")
                        .append(String.join("; ", c.notMeasured()))
                        .append(". ");
            }
        });
    }

    /**
     * Each compare's top-1 on its labelled set, once per compare: the pairs it shows apart in the compare's own
     * words (difference, interval, McNemar), and for those it cannot tell apart only its headline that the set shows
     * no difference, so no winner is claimed that its interval does not show; their numbers, and pairs scored the
     * same on every image, stay in the accuracy table.
     */
    private static void accuracy(StringBuilder b, List<ReportLane> lanes) {
        Map<String, ReportAccuracy> compares = new LinkedHashMap<>();
        lanes.stream()
                .filter(l -> l.compare() != null && l.compare().accuracy() != null)
                .forEach(l -> compares.putIfAbsent(l.jobId(), l.compare().accuracy()));
        compares.forEach((job, a) -> {
            List<String> said = a.pairs().stream()
                    .filter(p -> p.shown() || p.outcome() == AccuracyPair.Outcome.NOT_RESOLVED)
                    .map(p -> p.shown() ? p.text() : p.headline())
                    .toList();
            if (!said.isEmpty()) {
                b.append("Top-1 on ")
                        .append(a.setName())
                        .append(" (compare ")
                        .append(job)
                        .append("): ")
                        .append(String.join("; ", said))
                        .append(". ");
            }
        });
    }

    /**
     * Energy per inference among lanes of one workload: the least only when its ± interval is apart from the
     * runner-up's, "not distinguishable" when they overlap, "only X measured" when one lane has a figure.
     */
    private static String energy(List<ReportLane> lanes) {
        List<ReportLane> with = lanes.stream()
                .filter(l -> l.energyPerInferenceMj() != null)
                .sorted(Comparator.comparingDouble(ReportLane::energyPerInferenceMj))
                .toList();
        if (with.isEmpty()) {
            List<String> invalid = lanes.stream()
                    .filter(l -> Boolean.FALSE.equals(l.energyValid()))
                    .map(l -> l.label() + " (" + l.invalidEnergyReasons() + ")")
                    .toList();
            return invalid.isEmpty()
                    ? "Energy per inference was not measured (no power source on this board)."
                    : "Energy per inference is invalid: " + String.join(", ", invalid) + ".";
        }
        ReportLane best = with.get(0);
        String first = best.label() + " at " + mj(best.energyPerInferenceMj(), best.energyUncertaintyMj());
        if (with.size() == 1) {
            return lanes.size() == 1
                    ? "Energy per inference: " + first + "."
                    : "Energy per inference: only " + first + " measured.";
        }
        ReportLane next = with.get(1);
        String second = next.label() + " at " + mj(next.energyPerInferenceMj(), next.energyUncertaintyMj());
        if (best.energyUncertaintyMj() == null || next.energyUncertaintyMj() == null) {
            return "Least energy per inference: " + first + ", then " + second
                    + " (no ± interval stated, so whether it is less is unknown).";
        }
        boolean apart = best.energyPerInferenceMj() + best.energyUncertaintyMj()
                < next.energyPerInferenceMj() - next.energyUncertaintyMj();
        return apart
                ? "Least energy per inference: " + first + ", less than " + second + " (± intervals do not overlap)."
                : "Energy per inference is not distinguishable between " + first + " and " + second
                        + " (± intervals overlap).";
    }

    static String ms(Double us) {
        if (us == null) {
            return "absent";
        }
        double ms = us / 1000;
        if (ms < 1) {
            return String.format(Locale.ROOT, us >= 100 ? "%.0f us" : "%.1f us", us); // tiny models: keep 3 digits
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
    }

    static String ci(Interval ci) {
        if (ci == null) {
            return "";
        }
        String lo = ms(ci.lo());
        String hi = ms(ci.hi());
        // "3.95-4.05 ms", or both units when the interval straddles 1 ms
        boolean sameUnit = lo.substring(lo.indexOf(' ')).equals(hi.substring(hi.indexOf(' ')));
        return " (95 % CI " + (sameUnit ? lo.substring(0, lo.indexOf(' ')) : lo) + "-" + hi + ")";
    }

    static String mj(Double mj, Double pm) {
        if (mj == null) {
            return "absent";
        }
        String v = String.format(Locale.ROOT, "%.2f mJ", mj);
        return pm == null ? v : v + String.format(Locale.ROOT, " ± %.2f mJ", pm);
    }
}

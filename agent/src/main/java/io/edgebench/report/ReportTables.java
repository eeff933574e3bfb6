package io.edgebench.report;

import static io.edgebench.report.HtmlReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.stats.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's tables: every lane's numbers (absent ones say so), validity with reasons, and op profiles. */
final class ReportTables {
    private ReportTables() {}

    static void lanes(StringBuilder h, List<ReportLane> lanes) {
        h.append("<section><h2>Every lane</h2><div class=\"scroll\"><table class=\"lanes\"><thead><tr>")
                .append("<th>device</th><th>job</th><th>lane</th><th>status</th><th>valid</th><th>p50</th>")
                .append("<th>p99</th><th>throughput</th><th>energy / inference</th><th>top-1</th>")
                .append("<th>power mean</th>")
                .append("<th>temp max</th><th>load</th><th>init</th><th>first inference</th><th>peak RSS</th>")
                .append("<th>runs</th><th>notes</th></tr></thead><tbody>\n");
        for (ReportLane l : lanes) {
            h.append("<tr")
                    .append(Boolean.FALSE.equals(l.valid()) || !l.measured() ? " class=\"bad\"" : "")
                    .append('>');
            td(h, l.device());
            td(h, l.jobId());
            td(h, l.label());
            td(h, l.status() == null ? "absent" : l.status());
            td(h, l.valid() == null ? "absent" : l.valid() ? "yes" : "no");
            td(h, Verdict.ms(l.p50Us()) + Verdict.ci(l.p50CiUs()));
            td(
                    h,
                    l.p99Us() == null && l.measured() && l.runs() != null && l.runs() < Resolution.neededRuns(99)
                            ? "not resolved (needs " + Resolution.neededRuns(99) + " runs)"
                            : Verdict.ms(l.p99Us()));
            td(h, l.throughputIps() == null ? "absent" : fmt("%.1f /s", l.throughputIps()));
            td(h, l.energyText());
            td(h, l.top1Text());
            td(h, l.powerMeanW() == null ? "absent" : fmt("%.2f W", l.powerMeanW()));
            td(h, l.tempMaxC() == null ? "absent" : fmt("%.1f °C", l.tempMaxC()));
            td(h, Verdict.ms(l.loadUs()));
            td(h, Verdict.ms(l.initUs()));
            td(h, Verdict.ms(l.firstInferenceUs()));
            td(h, l.peakRssMb() == null ? "absent" : fmt("%.1f MiB", l.peakRssMb()));
            td(h, l.runs() == null ? "absent" : fmt("%.0f", l.runs()));
            td(h, notes(l));
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div><p class=\"legend\">A lane is named model runtime:delegate xN, where xN is"
                + " the number of inference threads (x2: two threads). Top-1 is accuracy on a labelled set with its"
                + " 95 % CI, of that many images: only a compare run with --dataset has it.</p></section>\n");
    }

    /** The device's host line (arch, CPUs, kernel, runtime versions) from its results, when they carry it. */
    static void host(StringBuilder h, List<ReportLane> lanes) {
        List<String> seen = new ArrayList<>();
        for (ReportLane l : lanes) {
            if (l.host() != null && !seen.contains(l.host())) {
                seen.add(l.host());
            }
        }
        if (!seen.isEmpty()) {
            h.append("<p class=\"meta\">").append(esc(String.join("; ", seen))).append("</p>");
        }
    }

    static void opProfiles(StringBuilder h, List<ReportLane> lanes) {
        List<ReportLane> profiled =
                lanes.stream().filter(l -> !l.opProfile().isEmpty()).toList();
        if (profiled.isEmpty()) {
            h.append("<section><h2>Op profiles</h2><p class=\"absent\">No result carries an op profile (bench"
                    + " --profile-ops adds one).</p></section>\n");
            return;
        }
        h.append("<section><h2>Op profiles</h2><div class=\"devices\">\n");
        for (ReportLane l : profiled) {
            List<String> columns = new ArrayList<>();
            l.opProfile()
                    .forEach(o -> o.fieldNames().forEachRemaining(f -> {
                        if (!columns.contains(f) && o.get(f).isValueNode()) {
                            columns.add(f);
                        }
                    }));
            h.append("<div class=\"device\"><h3>")
                    .append(esc(l.device() + " · " + l.label()))
                    .append("</h3><table><thead><tr>");
            columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
            h.append("</tr></thead><tbody>");
            for (JsonNode o : l.opProfile()) {
                h.append("<tr>");
                columns.forEach(c -> td(h, o.has(c) ? o.get(c).asText() : "absent"));
                h.append("</tr>");
            }
            h.append("</tbody></table></div>\n");
        }
        h.append("</div></section>\n");
    }

    private static String notes(ReportLane l) {
        List<String> n = new ArrayList<>();
        if (l.error() != null) {
            n.add("error: " + l.error());
        }
        l.invalidReasons().forEach(r -> n.add("invalid: " + r));
        l.warnings().forEach(w -> n.add("warning: " + w));
        l.absent().forEach(a -> n.add("absent: " + a));
        l.accuracyEntry().filter(a -> !a.scored()).ifPresent(a -> n.add("accuracy: " + a.text()));
        return String.join(" | ", n);
    }

    private static void td(StringBuilder h, String s) {
        h.append("<td>").append(esc(s)).append("</td>");
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}

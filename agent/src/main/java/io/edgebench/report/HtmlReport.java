package io.edgebench.report;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.edgebench.json.Json;
import io.edgebench.resultstore.AgentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `edgebench report`: one self-contained HTML file (no network: the chart library, the data and the styles are
 * inline) with a verdict per device in words, devices side by side, charts drawn by Apache ECharts from a JSON data
 * block, and the numbers as tables beneath them.
 */
public final class HtmlReport {
    private static final String RES = "/io/edgebench/report/";

    private HtmlReport() {}

    /** The lanes of every job, numbered in order; jobs without lanes (failed early) become one empty lane. */
    public static List<ReportLane> lanes(List<ReportJob> jobs) {
        List<ReportLane> lanes = new ArrayList<>();
        for (ReportJob j : jobs) {
            if (j.lanes().isEmpty()) {
                lanes.add(ReportLane.of(
                        lanes.size(),
                        j.device(),
                        j.jobId(),
                        MissingNode.getInstance(),
                        j.status() == null ? "no result" : j.status(),
                        j.error(),
                        null,
                        null));
            }
            for (int i = 0; i < j.lanes().size(); i++) {
                lanes.add(
                        "compare".equals(j.verb())
                                ? ReportLane.ofCompare(lanes.size(), j, i)
                                : ReportLane.of(
                                        lanes.size(),
                                        j.device(),
                                        j.jobId(),
                                        j.lanes().get(i)));
            }
        }
        return lanes;
    }

    public static String render(String title, List<ReportJob> jobs, String generatedTs) throws IOException {
        return render(title, jobs, List.of(), generatedTs);
    }

    /** @param agents the devices' last statuses (from the store), shown on their cards; empty for files */
    public static String render(String title, List<ReportJob> jobs, List<AgentStatus> agents, String generatedTs)
            throws IOException {
        List<ReportLane> lanes = lanes(jobs);
        Map<String, List<ReportLane>> byDevice = new LinkedHashMap<>();
        lanes.forEach(l ->
                byDevice.computeIfAbsent(l.device(), d -> new ArrayList<>()).add(l));
        StringBuilder h = new StringBuilder(1_200_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(title))
                .append("</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>")
                .append(esc(title))
                .append("</h1><p class=\"meta\">")
                .append(jobs.size())
                .append(" result(s), ")
                .append(lanes.size())
                .append(" lane(s), ")
                .append(byDevice.size())
                .append(" device(s); generated ")
                .append(esc(generatedTs))
                .append(" by edgebench report</p>");
        Verdict.overall(lanes)
                .ifPresent(v -> h.append("<p class=\"overall\">").append(esc(v)).append("</p>"));
        h.append("<p id=\"report-errors\" class=\"errors\" hidden></p></header>\n");
        verdicts(h, byDevice, agents);
        AgreementTables.render(h, jobs);
        charts(h, byDevice);
        ReportTables.lanes(h, lanes);
        ReportTables.opProfiles(h, lanes);
        h.append("<footer>Charts: Apache ECharts 5.6.0 (Apache License 2.0, notice at the end of this file's source)."
                + " Latency in ms, energy in mJ per inference, power in W, temperature in °C. Absent: the result"
                + " did not carry it (the board cannot measure it, or an older agent).</footer>\n");
        h.append("<script type=\"application/json\" id=\"edgebench-data\">")
                .append(data(lanes, byDevice))
                .append("</script>\n<script>")
                .append(resource("echarts.min.js"))
                .append("</script>\n<script>")
                .append(resource("report.js"))
                .append("</script>\n<!--\n")
                .append(resource("ECHARTS-LICENSE.txt").replace("--", "- -"))
                .append("\n-->\n</body></html>\n");
        return h.toString();
    }

    private static void verdicts(StringBuilder h, Map<String, List<ReportLane>> byDevice, List<AgentStatus> agents) {
        h.append("<section><h2>Verdict per device</h2><div class=\"devices\">\n");
        for (Map.Entry<String, List<ReportLane>> e : byDevice.entrySet()) {
            h.append("<div class=\"device host\"><h3>").append(esc(e.getKey())).append("</h3>");
            agents.stream()
                    .filter(a -> a.deviceId().equals(e.getKey()))
                    .findFirst()
                    .ifPresent(a -> h.append("<p class=\"meta\">")
                            .append(esc((a.profile() == null ? "" : "profile " + a.profile() + ", ")
                                    + a.state() + ", last status " + java.time.Instant.ofEpochMilli(a.lastSeenMs())
                                    + (a.accelerators().isEmpty() ? "" : ", " + String.join(", ", a.accelerators()))))
                            .append("</p>"));
            ReportTables.host(h, e.getValue());
            h.append("<p class=\"verdict\">")
                    .append(esc(Verdict.of(e.getKey(), e.getValue())))
                    .append("</p></div>\n");
        }
        h.append("</div></section>\n");
    }

    /**
     * Only charts with data are drawn; what is left out is said once per section, in one line, instead of a row of
     * empty frames.
     */
    private static void charts(StringBuilder h, Map<String, List<ReportLane>> byDevice) {
        List<ReportLane> all = byDevice.values().stream().flatMap(List::stream).toList();
        List<String> left = new ArrayList<>();
        StringBuilder g = new StringBuilder();
        boolean latency = all.stream().anyMatch(ReportLane::measured);
        div(g, "chart-cdf", latency, left, "latency");
        div(g, "chart-latency", latency, left, null);
        div(g, "chart-throughput", all.stream().anyMatch(l -> l.throughputIps() != null), left, "throughput");
        List<String> invalidEnergy = all.stream()
                .filter(l -> Boolean.FALSE.equals(l.energyValid()))
                .map(ReportLane::invalidEnergyReasons)
                .distinct()
                .toList();
        div(
                g,
                "chart-energy",
                all.stream().anyMatch(l -> l.energyPerInferenceMj() != null),
                left,
                invalidEnergy.isEmpty()
                        ? "energy per inference (no power source)"
                        : "energy per inference (invalid: " + String.join("; ", invalidEnergy) + ")");
        div(g, "chart-init", all.stream().anyMatch(l -> l.initUs() != null), left, "start-up times");
        div(g, "chart-memory", all.stream().anyMatch(l -> l.peakRssMb() != null), left, "peak memory");
        div(g, "chart-ops", all.stream().anyMatch(l -> !l.opProfile().isEmpty()), left, null);
        h.append("<section><h2>Charts</h2>");
        if (!left.isEmpty()) {
            h.append("<p class=\"absent\" id=\"charts-absent\">Not in these results, so not charted: ")
                    .append(esc(String.join(", ", left)))
                    .append(".</p>");
        }
        h.append("<div class=\"grid\">").append(g).append("</div></section>\n");
        traces(h, byDevice);
    }

    /** One telemetry chart per device that has a trace; report.js finds them by the device's index. */
    private static void traces(StringBuilder h, Map<String, List<ReportLane>> byDevice) {
        StringBuilder g = new StringBuilder();
        List<String> without = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<ReportLane>> e : byDevice.entrySet()) {
            boolean any = e.getValue().stream().anyMatch(l -> !l.trace().tS().isEmpty());
            div(g, "chart-trace-" + i++, any, without, e.getKey());
        }
        if (without.size() == byDevice.size()) {
            h.append("<p class=\"absent\" id=\"telemetry-absent\">No telemetry in these results: temperature and"
                    + " power charts left out.</p>\n");
            return;
        }
        h.append("<section><h2>Temperature and power over each run</h2>");
        if (!without.isEmpty()) {
            h.append("<p class=\"absent\" id=\"telemetry-absent\">No telemetry trace from ")
                    .append(esc(String.join(", ", without)))
                    .append(" (no thermal or power sensor).</p>");
        }
        h.append("<div class=\"devices\">").append(g).append("</div></section>\n");
    }

    /** A chart container when there is data; otherwise nothing drawn and {@code what} noted as left out. */
    private static void div(StringBuilder h, String id, boolean present, List<String> left, String what) {
        if (present) {
            h.append("<div class=\"chart\" id=\"").append(id).append("\"></div>");
        } else if (what != null) {
            left.add(what);
        }
    }

    private static String data(List<ReportLane> lanes, Map<String, List<ReportLane>> byDevice) throws IOException {
        ChartData d = new ChartData(lanes, new ArrayList<>(byDevice.keySet()));
        // "<" escaped: no string in the data can close the script element.
        return Json.mapper().writeValueAsString(d).replace("<", "\\u003c");
    }

    /** The page's data block, read by report.js: every lane, and the devices in the order the page shows them. */
    record ChartData(List<ReportLane> lanes, List<String> devices) {}

    static String resource(String name) throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(RES + name)) {
            if (in == null) {
                throw new IOException("report resource [" + RES + name + "] is missing from the jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

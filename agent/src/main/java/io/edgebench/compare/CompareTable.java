package io.edgebench.compare;

import io.edgebench.bench.ResultTable;
import io.edgebench.compare.align.OutputComparison;
import io.edgebench.results.Accuracy;
import io.edgebench.results.BenchResult;
import io.edgebench.results.CompareReport;
import io.edgebench.results.InputUse;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.PairAgreement;
import io.edgebench.results.RuntimeKind;
import io.edgebench.results.TelemetrySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The terminal rendering of a {@link CompareReport}: one column per lane (metrics as rows, so long file names fit),
 * then the agreement of every pair. Telemetry rows appear only when some lane has telemetry.
 */
public final class CompareTable {
    private CompareTable() {}

    public static String render(CompareReport report) {
        StringBuilder b = new StringBuilder();
        List<BenchResult> rs = report.results();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            b.append(String.format(
                    Locale.ROOT, "[%d] %s%n", i + 1, report.lanes().get(i)));
        }
        b.append(System.lineSeparator());
        String[] header = new String[rs.size() + 1];
        header[0] = "";
        for (int i = 0; i < rs.size(); i++) {
            header[i + 1] = "[" + (i + 1) + "]";
        }
        rows.add(header);
        rows.add(row("status", rs, r -> r.ok() ? "ok" : r.status().id() + " (" + r.errorKind() + ")"));
        rows.add(row(
                "runtime",
                rs,
                r -> r.runtimeVersion() == null ? "?" : r.runtime().id() + " " + r.runtimeVersion()));
        // ONNX Runtime's CPU execution provider is not a delegate: "-", not "672/672"
        rows.add(row(
                "delegated nodes",
                rs,
                r -> r.delegation() == null || r.runtime() == RuntimeKind.ONNX
                        ? "-"
                        : r.delegation().delegatedNodes() + "/" + r.delegation().totalNodes()));
        if (rs.stream().anyMatch(r -> r.edgetpu() != null)) {
            rows.add(row(
                    "edgetpu",
                    rs,
                    r -> r.edgetpu() == null
                            ? "-"
                            : r.edgetpu().deviceType() + " " + r.edgetpu().performance()));
        }
        rows.add(row("load+init ms", rs, r -> r.loadUs() == null ? "-" : ms(r.loadUs() + r.initUs())));
        rows.add(row("first inference ms", rs, r -> r.firstInferenceUs() == null ? "-" : ms(r.firstInferenceUs())));
        rows.add(row("runs", rs, r -> r.runs() == null ? "-" : Long.toString(r.runs())));
        rows.add(row("p50 ms", rs, r -> lat(r, LatencyStats::p50)));
        rows.add(row("p90 ms", rs, r -> lat(r, LatencyStats::p90)));
        rows.add(row("p99 ms", rs, r -> lat(r, LatencyStats::p99)));
        rows.add(row("mean ms", rs, r -> lat(r, LatencyStats::mean)));
        rows.add(row("std ms", rs, r -> lat(r, LatencyStats::std)));
        rows.add(row(
                "throughput /s",
                rs,
                r -> r.throughputIps() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.throughputIps())));
        rows.add(row(
                "peak RSS MiB",
                rs,
                r -> r.peakRssBytes() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.1f", r.peakRssBytes() / 1048576.0)));
        if (rs.stream().anyMatch(r -> r.telemetry() != null)) {
            rows.add(row(
                    "power mean W",
                    rs,
                    r -> tel(r, t -> t.powerW() == null ? null : t.powerW().mean())));
            rows.add(row(
                    "energy/inf mJ",
                    rs,
                    r -> tel(r, t -> t.energyMj() == null ? null : t.energyMj().perInference())));
            if (rs.stream().anyMatch(r -> r.telemetry() != null && r.telemetry().energy() != null)) {
                rows.add(row("energy/inf ± 95%", rs, CompareTable::energy));
                rows.add(row(
                        "power source",
                        rs,
                        r -> r.telemetry() == null || r.telemetry().energy() == null
                                ? "-"
                                : r.telemetry().energy().powerSource()));
            }
            rows.add(row(
                    "throttle events",
                    rs,
                    r -> tel(r, t -> t.throttlingMeasured() ? (double) t.throttleEvents() : null)));
        }
        appendGrid(b, rows, false);
        for (int i = 0; i < rs.size(); i++) {
            BenchResult r = rs.get(i);
            if (!r.ok()) {
                b.append(String.format(Locale.ROOT, "[%d] error: %s%n", i + 1, r.error()));
            }
            if (r.edgetpu() != null) {
                b.append(String.format(Locale.ROOT, "[%d] edgetpu: %s%n", i + 1, ResultTable.edgeTpu(r.edgetpu())));
            }
            for (String w : r.warnings()) {
                b.append(String.format(Locale.ROOT, "[%d] warning: %s%n", i + 1, w));
            }
        }
        agreement(b, report);
        reference(b, report);
        VerdictText.append(b, report);
        accuracy(b, report);
        return b.toString();
    }

    /** --dataset: one line per lane, then one per pair of lanes, after the latency verdicts they sit beside. */
    private static void accuracy(StringBuilder b, CompareReport report) {
        Accuracy a = report.accuracy();
        if (a == null) {
            return;
        }
        String nl = System.lineSeparator();
        b.append(nl)
                .append(String.format(
                        Locale.ROOT,
                        "Accuracy on labelled set %s (%d images; pixels %s):",
                        a.dataset(),
                        a.images(),
                        a.normalization()))
                .append(nl);
        a.lanes().forEach(l -> b.append("  ").append(l.text()).append(nl));
        a.pairs().forEach(p -> b.append("  ").append(p.text()).append(nl));
        if (a.front() != null) {
            b.append("  ").append(a.front().text()).append(nl);
        }
    }

    /** One verdict line per lane against --reference outputs, then a row per output when there are several. */
    private static void reference(StringBuilder b, CompareReport report) {
        if (report.reference().isEmpty()) {
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "%nReference outputs, %d inputs:%n",
                report.reference().get(0).agreement().inputs()));
        for (var c : report.reference()) {
            b.append("  ").append(c.verdict()).append(System.lineSeparator());
            for (var o : c.agreement().outputs()) {
                b.append(String.format(
                        Locale.ROOT,
                        "    %s = %s: max abs %.3g, mean abs %.3g, min cosine %.6f%s (%s)%n",
                        o.x(),
                        o.y(),
                        o.maxAbsError(),
                        o.meanAbsError(),
                        o.cosineMin(),
                        o.top1() == null ? "" : String.format(Locale.ROOT, ", top-1 %.1f %%", o.top1() * 100),
                        o.toleranceBasis()));
            }
        }
    }

    /**
     * What the agreement inputs were: "20 seeded inputs", "1 input (cat.png)", "6 inputs (the files in imgs/)",
     * "20 inputs (sr=16000; input seeded random)", from the first sample's inputs as fed.
     */
    static String fed(CompareReport report) {
        int n = report.agreementSeeds().size();
        if (report.agreementInputs() == null) {
            return n + " seeded inputs";
        }
        List<String> parts = new ArrayList<>();
        for (BenchResult.InputShape in : report.agreementInputs().get(0).inputs()) {
            InputUse s = in.source();
            if (s == null) {
                continue;
            }
            parts.add(
                    s.directory() != null
                            ? "the files in " + s.directory() + "/"
                            : s.file() != null
                                    ? s.file()
                                    : s.value() != null
                                            ? in.name() + "=" + AgreementRows.num("%.6g", s.value())
                                            : s.low() != null
                                                    ? in.name() + " seeded in [" + AgreementRows.num("%.6g", s.low())
                                                            + ", " + AgreementRows.num("%.6g", s.high()) + "]"
                                                    : in.name() + " seeded random");
        }
        return n + (n == 1 ? " input" : " inputs") + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
    }

    private static void agreement(StringBuilder b, CompareReport report) {
        b.append(String.format(
                Locale.ROOT,
                "%nOutput agreement over %s (tolerance per output: quantized"
                        + " mean abs <= 1 step, float max abs <= max(%.3g, %.0e of its range); top-1 >= %.0f%%)%n",
                fed(report),
                report.tolerance(),
                OutputComparison.RELATIVE_TOLERANCE,
                report.minTop1() * 100));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"pair / output", "max abs err", "mean abs err", "min cosine", "top-1", "verdict"});
        for (PairAgreement p : report.agreement()) {
            rows.add(new String[] {
                pairLabel(report, p),
                AgreementRows.num("%.3g", p.maxAbsError()),
                AgreementRows.num("%.3g", p.meanAbsError()),
                AgreementRows.num("%.6f", p.cosineMin()),
                AgreementRows.pct(p.top1Agreement()),
                AgreementRows.verdict(p)
            });
            rows.addAll(AgreementRows.perOutput(p));
        }
        appendGrid(b, rows, true);
        AgreementRows.notes(report, this_ -> pairLabel(report, this_))
                .forEach(l -> b.append(l).append(System.lineSeparator()));
        ProfileColumns.lines(report).forEach(l -> b.append(l).append(System.lineSeparator()));
        for (String e : report.outputErrors()) {
            b.append("no outputs from ").append(e).append(System.lineSeparator());
        }
    }

    private static String pairLabel(CompareReport report, PairAgreement p) {
        return "[" + (report.lanes().indexOf(p.a()) + 1) + "] vs ["
                + (report.lanes().indexOf(p.b()) + 1) + "]";
    }

    private static String[] row(String name, List<BenchResult> rs, Function<BenchResult, String> cell) {
        String[] row = new String[rs.size() + 1];
        row[0] = name;
        for (int i = 0; i < rs.size(); i++) {
            row[i + 1] = cell.apply(rs.get(i));
        }
        return row;
    }

    private static String lat(BenchResult r, Function<LatencyStats, Double> f) {
        Double v = r.latencyUs() == null ? null : f.apply(r.latencyUs());
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v / 1e3);
    }

    private static String tel(BenchResult r, Function<TelemetrySummary, Double> f) {
        Double v = r.telemetry() == null ? null : f.apply(r.telemetry());
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** "0.840 ± 0.090 mJ", "invalid" when the source was silent, "-" without a figure. */
    private static String energy(BenchResult r) {
        if (r.telemetry() == null || r.telemetry().energy() == null) {
            return "-";
        }
        io.edgebench.results.EnergyReport e = r.telemetry().energy();
        if (!e.valid()) {
            return "invalid (no power data)";
        }
        if (e.energyPerInferenceMj() == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.4g", e.energyPerInferenceMj())
                + (e.energyPerInferenceUncertaintyMj() == null
                        ? " ± ?"
                        : String.format(Locale.ROOT, " ± %.2g", e.energyPerInferenceUncertaintyMj()))
                + " mJ";
    }

    private static String ms(long us) {
        return String.format(Locale.ROOT, "%.2f", us / 1e3);
    }

    /** Left-aligned first column (and last, when {@code leftLast}), right-aligned others, two spaces apart. */
    private static void appendGrid(StringBuilder b, List<String[]> rows, boolean leftLast) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = r[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? cell + pad : "  " + (c == cols - 1 && leftLast ? cell + pad : pad + cell));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }
}

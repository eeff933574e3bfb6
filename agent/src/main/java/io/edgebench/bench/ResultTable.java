package io.edgebench.bench;

import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.RuntimeKind;
import java.util.Locale;

/** The human rendering of a {@link BenchResult}: what a terminal user reads; the JSON file holds everything. */
public final class ResultTable {
    private ResultTable() {}

    public static String render(BenchResult r) {
        StringBuilder b = new StringBuilder();
        if (r.model() != null) {
            line(
                    b,
                    "model",
                    r.model().path() + "  ("
                            + (r.model().format() == null
                                    ? "?"
                                    : r.model().format().id()) + ", sha256 "
                            + r.model().sha256().substring(0, 12) + ")");
        }
        String runtime = (r.runtime() == null ? "?" : r.runtime().id())
                + (r.runtimeVersion() == null ? "" : " " + r.runtimeVersion());
        line(
                b,
                "runtime",
                runtime + ", delegate "
                        + (r.delegate() == null ? "?" : r.delegate().id()) + ", " + r.threads()
                        + (r.threads() == 1 ? " thread" : " threads"));
        if (!r.ok()) {
            line(b, "status", r.status().id() + (r.errorKind() == null ? "" : " (" + r.errorKind() + ")"));
            line(b, "error", r.error());
            return b.toString();
        }
        line(b, "delegation", delegation(r));
        if (r.edgetpu() != null) {
            line(b, "edgetpu", edgeTpu(r.edgetpu()));
        }
        for (String w : r.warnings()) {
            line(b, "warning", w);
        }
        inputs(b, r);
        line(
                b,
                "load",
                ms(r.loadUs()) + "   init " + ms(r.initUs()) + "   first inference " + ms(r.firstInferenceUs()));
        line(b, "warm-up", r.warmup().runs() + " runs, mean " + ms(r.warmup().meanUs()));
        double windowS = (r.timedWindow().endNs() - r.timedWindow().startNs()) / 1e9;
        line(
                b,
                "timed",
                String.format(
                        Locale.ROOT, "%d runs in %.2f s, %.1f inferences/s", r.runs(), windowS, r.throughputIps()));
        if (r.peakRssBytes() != null) {
            line(
                    b,
                    "peak RSS",
                    String.format(Locale.ROOT, "%.1f MiB (worker process)", r.peakRssBytes() / 1048576.0)
                            + (r.loadRssBytes() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            "; opening the model added %.1f MiB (its session and the runtime"
                                                    + " libraries; the rest is the JVM)",
                                            r.loadRssBytes() / 1048576.0)));
        }
        LatencyStats l = r.latencyUs();
        b.append(String.format(
                Locale.ROOT,
                "%n%-12s %9s %9s %9s %9s %9s %9s %9s %9s %9s%n",
                "latency (ms)",
                "min",
                "p50",
                "p90",
                "p95",
                "p99",
                "p99.9",
                "max",
                "mean",
                "std"));
        b.append(String.format(
                Locale.ROOT,
                "%-12s %9.3f %9.3f %9s %9s %9s %9s %9.3f %9.3f %9.3f%n",
                "",
                l.min() / 1e3,
                l.p50() / 1e3,
                tailMs(l.p90()),
                tailMs(l.p95()),
                tailMs(l.p99()),
                tailMs(l.p999()),
                l.max() / 1e3,
                l.mean() / 1e3,
                l.std() / 1e3));
        LatencyText.intervals(l, r.runs()).forEach(t -> b.append(t).append(System.lineSeparator()));
        ConditionsText.lines(r.conditions()).forEach(t -> b.append(t).append(System.lineSeparator()));
        b.append(System.lineSeparator());
        OpProfileTable.lines(r.opProfile()).forEach(t -> b.append(t).append(System.lineSeparator()));
        // telemetry last: what it measured, and plainly what this machine could not measure
        io.edgebench.telemetry.TelemetryText.lines(r.telemetry())
                .forEach(t -> b.append(t).append(System.lineSeparator()));
        if (!r.valid()) {
            b.append(System.lineSeparator());
            line(b, "caution", String.join("; ", r.invalidReasons()));
        }
        return b.toString();
    }

    /** One line naming each input whose values the user chose (files, values, ranges); seeded ones are implied. */
    private static void inputs(StringBuilder b, BenchResult r) {
        if (r.inputs() == null) {
            return;
        }
        java.util.List<String> chosen = new java.util.ArrayList<>();
        boolean seeded = false;
        for (BenchResult.InputShape in : r.inputs()) {
            io.edgebench.results.InputUse u = in.source();
            if (u == null || "seed".equals(u.kind())) {
                seeded = true;
                continue;
            }
            String what = switch (u.kind()) {
                case "value" -> io.edgebench.results.InputSource.num(u.value());
                case "range" ->
                    "uniform [" + io.edgebench.results.InputSource.num(u.low()) + ", "
                            + io.edgebench.results.InputSource.num(u.high()) + "]";
                default ->
                    u.file() + (u.layout() == null ? "" : " (" + u.layout() + ")") + " sha256 "
                            + u.sha256().substring(0, 12);
            };
            chosen.add(in.name() + "=" + what);
        }
        if (!chosen.isEmpty()) {
            line(b, "inputs", String.join(", ", chosen) + (seeded ? " (the others seeded)" : ""));
        }
    }

    /** A tail percentile in ms, or "-" when the resolution rule left it out (see LatencyText). */
    private static String tailMs(Double us) {
        return us == null ? "-" : String.format(Locale.ROOT, "%.3f", us / 1e3);
    }

    private static String delegation(BenchResult r) {
        if (r.runtime() == RuntimeKind.ONNX) {
            // ONNX Runtime's CPU execution provider is the runtime itself, not a delegate that took nodes from it
            return "none: ONNX Runtime's CPU execution provider runs the whole graph";
        }
        Delegation d = r.delegation();
        if (d == null) {
            return "unknown";
        }
        return d.delegatedNodes() + " of " + d.totalNodes() + " nodes on the delegate" + (d.isFull() ? " (full)" : "");
    }

    /** e.g. "usb /sys/bus/usb/devices/2-1, performance high, libedgetpu RuntimeVersion(14)". */
    public static String edgeTpu(EdgeTpuInfo e) {
        return e.deviceType() + " " + e.devicePath() + ", performance " + e.performance() + ", libedgetpu "
                + e.libedgetpuVersion();
    }

    private static String ms(Number us) {
        return us == null ? "?" : String.format(Locale.ROOT, "%.2f ms", us.doubleValue() / 1e3);
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "%-12s %s%n", key, value));
    }
}

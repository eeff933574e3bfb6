package io.edgebench.collect;

import io.edgebench.resultstore.LaneRow;
import io.edgebench.resultstore.LatestFigures.Device;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The newest figures of every device in the Prometheus text exposition format 0.0.4 (which Prometheus, Grafana
 * Agent/Alloy and the OpenTelemetry Collector's prometheus receiver scrape without a plugin). Names follow the
 * OpenTelemetry hardware semantic conventions where one exists, converted as OpenTelemetry's Prometheus exporter
 * does (dots to underscores, the unit as a suffix): {@code hw.temperature} (Cel) becomes
 * {@code hw_temperature_celsius} with {@code hw_id} and {@code hw_type}, {@code hw.host.power} (W)
 * {@code hw_host_power_watts}. Benchmark figures have no convention: they are {@code edgebench_*}, in base units
 * (seconds, joules). No {@code hw_host_energy_joules_total}: the store holds energy inside runs only, not the host's
 * running total that name promises.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    public static void write(List<Device> devices, PrintWriter out) {
        family(
                out,
                "edgebench_agent_status",
                "gauge",
                "1 for the agent's last reported state (online, busy," + " offline: its will)",
                devices,
                d -> d.state() == null
                        ? List.of()
                        : List.of(sample(labels("device_id", d.deviceId(), "state", d.state()), 1)));
        family(
                out,
                "edgebench_result_finished_timestamp_seconds",
                "gauge",
                "when the device's newest stored result" + " finished (Unix time)",
                devices,
                d -> d.finishedAtMs() == null
                        ? List.of()
                        : List.of(sample(labels("device_id", d.deviceId()), d.finishedAtMs() / 1000.0)));
        lanes(
                out,
                "edgebench_inference_latency_p50_seconds",
                "median inference latency of each lane of the" + " device's newest result",
                devices,
                l -> seconds(l.p50Us()));
        lanes(
                out,
                "edgebench_inference_latency_p99_seconds",
                "99th percentile inference latency of each lane of" + " the device's newest result",
                devices,
                l -> seconds(l.p99Us()));
        lanes(
                out,
                "edgebench_inference_throughput_per_second",
                "inferences per second of each lane of the" + " device's newest result",
                devices,
                LaneRow::throughputIps);
        lanes(
                out,
                "edgebench_inference_energy_joules",
                "energy per inference of each lane of the device's newest" + " result (absent without a power source)",
                devices,
                l -> l.energyPerInferenceMj() == null ? null : l.energyPerInferenceMj() / 1000.0);
        family(
                out,
                "hw_temperature_celsius",
                "gauge",
                "OpenTelemetry hw.temperature: each thermal zone at the end" + " of the device's newest run",
                devices,
                d -> {
                    List<String> s = new ArrayList<>();
                    for (Map.Entry<String, Double> z : d.tempEndC().entrySet()) {
                        s.add(sample(
                                labels("device_id", d.deviceId(), "hw_id", z.getKey(), "hw_type", "temperature"),
                                z.getValue()));
                    }
                    return s;
                });
        family(
                out,
                "hw_host_power_watts",
                "gauge",
                "OpenTelemetry hw.host.power: mean host power during the"
                        + " device's newest run (absent without a power source)",
                devices,
                d -> d.powerMeanW() == null
                        ? List.of()
                        : List.of(sample(
                                labels("device_id", d.deviceId(), "hw_id", d.deviceId(), "hw_type", "host"),
                                d.powerMeanW())));
        out.flush();
    }

    private static void lanes(
            PrintWriter out, String name, String help, List<Device> devices, Function<LaneRow, Double> value) {
        family(out, name, "gauge", help, devices, d -> {
            List<String> s = new ArrayList<>();
            for (LaneRow l : d.lanes()) {
                Double v = value.apply(l);
                if (v != null && Double.isFinite(v)) {
                    s.add(sample(
                            labels(
                                    "device_id",
                                    d.deviceId(),
                                    "lane",
                                    Integer.toString(l.lane()),
                                    "model",
                                    orEmpty(l.modelName()),
                                    "runtime",
                                    orEmpty(l.runtime()),
                                    "delegate",
                                    orEmpty(l.delegate()),
                                    "threads",
                                    l.threads() == null ? "" : l.threads().toString()),
                            v));
                }
            }
            return s;
        });
    }

    /** One family: its HELP and TYPE, then every device's samples (a family's lines must stay together). */
    private static void family(
            PrintWriter out,
            String name,
            String type,
            String help,
            List<Device> devices,
            Function<Device, List<String>> samples) {
        out.print("# HELP " + name + " " + help + "\n");
        out.print("# TYPE " + name + " " + type + "\n");
        for (Device d : devices) {
            for (String s : samples.apply(d)) {
                out.print(name + s + "\n");
            }
        }
    }

    private static String sample(String labels, double value) {
        return labels + " "
                + (value == Math.rint(value) && Math.abs(value) < 1e15
                        ? Long.toString((long) value)
                        : String.format(Locale.ROOT, "%.9g", value));
    }

    private static String labels(String... kv) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            b.append(i == 0 ? "" : ",")
                    .append(kv[i])
                    .append("=\"")
                    .append(escape(kv[i + 1]))
                    .append('"');
        }
        return b.append('}').toString();
    }

    /** Label values escape backslash, double quote and line feed (exposition format 0.0.4). */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static Double seconds(Double us) {
        return us == null ? null : us / 1e6;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

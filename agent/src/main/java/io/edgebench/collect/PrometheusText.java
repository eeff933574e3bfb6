package io.edgebench.collect;

import io.edgebench.resultstore.LaneRow;
import io.edgebench.resultstore.LatestFigures.Device;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * This collector's own state, then the newest figures of every device, in the Prometheus text exposition format
 * 0.0.4 (which Prometheus, Grafana Agent/Alloy and the OpenTelemetry Collector's prometheus receiver scrape without
 * a plugin). All names are {@code edgebench_*}, in base units (seconds, joules, watts). The run figures are not
 * OpenTelemetry's {@code hw.*} metrics, which are live readings of a named piece of hardware: they are what the
 * device's newest run measured, from whichever source it had (rapl: the CPU package only; rpi_pmic: the SoC's
 * rails; ina2xx, mqtt_power: the board), as old as {@code edgebench_result_finished_timestamp_seconds} says.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    /** The collector's families, then the devices' (none when the store could not be read). */
    public static void write(CollectorHealth health, List<Device> devices, PrintWriter out) {
        collector(health, out);
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
                "edgebench_run_end_temperature_celsius",
                "gauge",
                "each temperature sensor at the end of the device's newest run"
                        + " (not live: see edgebench_result_finished_timestamp_seconds)",
                devices,
                d -> {
                    List<String> s = new ArrayList<>();
                    for (Map.Entry<String, Double> z : d.tempEndC().entrySet()) {
                        s.add(sample(labels("device_id", d.deviceId(), "sensor", z.getKey()), z.getValue()));
                    }
                    return s;
                });
        family(
                out,
                "edgebench_run_power_mean_watts",
                "gauge",
                "mean power during the device's newest run as power_source measured it (rapl: CPU package only;"
                        + " rpi_pmic: SoC rails; ina2xx, mqtt_power: the board; not live: see"
                        + " edgebench_result_finished_timestamp_seconds; absent without a power source)",
                devices,
                d -> d.runPower() == null
                        ? List.of()
                        : List.of(sample(
                                labels(
                                        "device_id",
                                        d.deviceId(),
                                        "power_source",
                                        d.runPower().source()),
                                d.runPower().meanW())));
        out.flush();
    }

    private static void collector(CollectorHealth h, PrintWriter out) {
        header(
                out,
                "edgebench_collector_state",
                "1 for this collector's state: storing, waiting_for_store (the database refuses; messages are"
                        + " held unacknowledged), gave_up (it exits for the service manager to restart it)");
        out.print("edgebench_collector_state" + labels("state", h.state().code()) + " 1\n");
        header(
                out,
                "edgebench_collector_held_messages",
                "messages this collector received and has not yet stored and acknowledged");
        out.print("edgebench_collector_held_messages " + h.heldMessages() + "\n");
        header(
                out,
                "edgebench_collector_waiting_since_seconds",
                "when the oldest held message first failed to store (Unix time); absent when not waiting");
        if (h.waitingSinceMs() > 0) {
            out.print("edgebench_collector_waiting_since_seconds" + sample("", h.waitingSinceMs() / 1000.0) + "\n");
        }
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

    private static void header(PrintWriter out, String name, String help) {
        out.print("# HELP " + name + " " + help + "\n");
        out.print("# TYPE " + name + " gauge\n");
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
        // Double.toString: the shortest text that reads back as the same double (Go's ParseFloat, which the format
        // names, takes its "1.7334600001E9"); "%.9g" rounded a Unix time in seconds to tens of seconds.
        return labels + " "
                + (value == Math.rint(value) && Math.abs(value) < 1e15
                        ? Long.toString((long) value)
                        : Double.isFinite(value)
                                ? Double.toString(value)
                                : Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf");
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

package io.edgebench.resultstore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import java.time.Instant;
import java.util.Random;

/**
 * Result messages shaped as agents publish them (docs/mqtt.md), generated from a seed for store, collector and
 * report tests. Numbers are synthetic (a seeded model of three boards), not measurements; {@code extras} adds the
 * fields other issues introduce (p50/p90 confidence intervals, energy uncertainty, op profiles) so readers are
 * tested with and without them.
 */
public final class ResultFixtures {
    /** A board: how fast it runs a small CNN per delegate, and what it can measure. */
    public enum Board {
        PI4("rpi4", 1.0, true, false),
        PI5("rpi5", 0.42, true, false),
        CORAL("coral-devboard", 0.8, false, true);

        final String profile;
        final double slowness;
        final boolean power;
        final boolean edgetpu;

        Board(String profile, double slowness, boolean power, boolean edgetpu) {
            this.profile = profile;
            this.slowness = slowness;
            this.power = power;
            this.edgetpu = edgetpu;
        }

        public String profile() {
            return profile;
        }
    }

    private ResultFixtures() {}

    /** A bench lane as an executor's output (the agent then publishes it as a real result message). */
    public static io.edgebench.wire.JobOutput benchOutput(Board board, String runtime, String delegate, long seed) {
        try {
            return io.edgebench.wire.JobOutput.of(Json.lenient()
                    .treeToValue(
                            lane(board, "mobilenet_v2", runtime, delegate, seed, false),
                            io.edgebench.results.BenchResult.class));
        } catch (java.io.IOException e) {
            throw new AssertionError("fixture does not map onto BenchResult: " + e.getMessage(), e);
        }
    }

    /** A bench result message of one lane. */
    public static ObjectNode bench(
            String device, String jobId, Board board, String runtime, String delegate, long seed, boolean extras) {
        ObjectNode m = envelope(device, jobId, "bench", seed);
        m.set("result", lane(board, "mobilenet_v2", runtime, delegate, seed, extras));
        return m;
    }

    /** A compare result message: every given runtime:delegate lane of one model pair. */
    public static ObjectNode compare(
            String device, String jobId, Board board, long seed, boolean extras, String... lanes) {
        ObjectNode m = envelope(device, jobId, "compare", seed);
        ObjectNode report = Json.mapper().createObjectNode();
        ArrayNode labels = report.putArray("lanes");
        ArrayNode results = report.putArray("results");
        for (int i = 0; i < lanes.length; i++) {
            String[] rd = lanes[i].split(":");
            ObjectNode lane = lane(board, "mobilenet_v2", rd[0], rd[1], seed * 31 + i, extras);
            labels.add(lane.path("model").path("path").asText() + " " + lanes[i]);
            results.add(lane);
        }
        report.putArray("agreement");
        report.put("tolerance", 1e-4);
        m.set("result", report);
        return m;
    }

    private static ObjectNode envelope(String device, String jobId, String verb, long seed) {
        ObjectNode m = Json.mapper().createObjectNode();
        Instant finished = Instant.parse("2026-11-30T10:00:00Z").plusSeconds(seed % 100_000);
        m.put("job_id", jobId);
        m.put("device_id", device);
        m.put("verb", verb);
        m.put("status", "ok");
        m.putObject("request").put("model", "mobilenet_v2.tflite");
        m.put("accepted_ts", finished.minusSeconds(40).toString());
        m.put("started_ts", finished.minusSeconds(30).toString());
        m.put("finished_ts", finished.toString());
        return m;
    }

    public static ObjectNode lane(
            Board board, String model, String runtime, String delegate, long seed, boolean extras) {
        Random rnd = new Random(seed);
        double base = switch (delegate) {
                    case "xnnpack" -> 9_000;
                    case "edgetpu" -> 2_800;
                    default -> "onnx".equals(runtime) ? 13_000 : 24_000;
                }
                * ("edgetpu".equals(delegate) ? 1 : board.slowness)
                * (1 + 0.05 * rnd.nextGaussian());
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("schema_version", 1);
        String file =
                model + ("onnx".equals(runtime) ? ".onnx" : "edgetpu".equals(delegate) ? "_edgetpu.tflite" : ".tflite");
        r.putObject("model")
                .put("path", file)
                .put("sha256", sha(file))
                .put("format", "onnx".equals(runtime) ? "onnx" : "tflite");
        r.put("runtime", runtime);
        r.put("runtime_version", "onnx".equals(runtime) ? "1.29.0" : "2.21.0");
        r.put("delegate", delegate);
        r.put("threads", 4);
        r.put("seed", 1);
        r.put("load_us", 3000 + rnd.nextInt(2000));
        r.put("init_us", ("onnx".equals(runtime) ? 90_000 : 40_000) + rnd.nextInt(20_000));
        r.put("first_inference_us", (long) (base * 2.5));
        r.putObject("warmup").put("runs", 10).put("mean_us", base * 1.1);
        long runs = 400;
        r.put("runs", runs);
        ObjectNode lat = r.putObject("latency_us");
        double[] q = {0.93, 1.0, 1.06, 1.09, 1.25, 1.6, 1.9};
        String[] names = {"min", "p50", "p90", "p95", "p99", "p999", "max"};
        for (int i = 0; i < q.length; i++) {
            lat.put(names[i], Math.round(base * q[i] * (1 + 0.01 * i * rnd.nextDouble())));
        }
        lat.put("mean", Math.round(base * 1.03));
        lat.put("std", Math.round(base * 0.07));
        if (extras) {
            // issue 12's shape: {low, high, level, method}
            lat.putObject("p50_ci")
                    .put("low", Math.round(base * 0.985))
                    .put("high", Math.round(base * 1.017))
                    .put("level", 0.95)
                    .put("method", "order statistics");
            lat.putObject("p90_ci")
                    .put("low", Math.round(base * 1.04))
                    .put("high", Math.round(base * 1.08))
                    .put("level", 0.95)
                    .put("method", "order statistics");
        }
        r.put("throughput_ips", Math.round(1e6 / (base * 1.03) * 100) / 100.0);
        r.put("peak_rss_bytes", ("onnx".equals(runtime) ? 96L : 61L) * 1024 * 1024 + rnd.nextInt(4_000_000));
        r.putObject("host").put("arch", "aarch64").put("cpus", 4).put("kernel", "6.6.51+rpt-rpi-2712");
        boolean throttled = board == Board.PI4 && "cpu".equals(delegate);
        r.put("status", "ok");
        r.put("valid", !throttled);
        ArrayNode reasons = r.putArray("invalid_reasons");
        if (throttled) {
            reasons.add("throttled during run (get_throttled=0x20002: arm frequency capped)");
        }
        r.putArray("warnings");
        r.set("telemetry", telemetry(board, base, runs, rnd, throttled, extras));
        if (extras) {
            // issue 11's shape: an object with per-node ops and per-type op_types rows
            ObjectNode profile = r.putObject("op_profile");
            profile.put("source", "tflite profiler").put("runs", 20).put("pass_mean_us", base * 1.05);
            profile.set("op_types", opProfile(base, delegate));
            profile.set("ops", opProfile(base, delegate));
        }
        return r;
    }

    private static ObjectNode telemetry(
            Board board, double baseUs, long runs, Random rnd, boolean throttled, boolean extras) {
        ObjectNode t = Json.mapper().createObjectNode();
        t.put("sample_hz", 20);
        double seconds = baseUs * runs / 1e6;
        t.put("samples", (long) (seconds * 20));
        double start = 48 + rnd.nextInt(6);
        double peak = start + (board == Board.PI4 ? 22 : 12);
        t.putObject("temp_c")
                .putObject("cpu_thermal")
                .put("start", start)
                .put("max", peak)
                .put("end", peak - 1);
        double idle = board == Board.PI5 ? 2.7 : 2.9;
        double mean = idle + 2.1 + rnd.nextDouble();
        if (board.power) {
            t.putObject("power_w").put("idle", idle).put("mean", mean).put("max", mean + 0.8);
            double total = mean * seconds * 1000;
            ObjectNode e = t.putObject("energy_mj")
                    .put("total", Math.round(total))
                    .put("per_inference", Math.round(total / runs * 100) / 100.0)
                    .put("per_inference_net_of_idle", Math.round((mean - idle) * seconds * 1000 / runs * 100) / 100.0);
            // the energy report is written whenever a power source is (SummaryCalculator)
            t.putObject("energy")
                    .put("power_source", "ina2xx")
                    .put("valid", true)
                    .put("energy_per_inference_mj", Math.round(total / runs * 100) / 100.0)
                    .put("energy_per_inference_uncertainty_mj", Math.round(total / runs * 4) / 100.0)
                    .putArray("invalid_reasons");
        }
        t.put("throttle_events", throttled ? 1 : 0);
        ArrayNode sources = t.putArray("sources").add("thermal");
        ArrayNode absent = t.putArray("absent");
        if (board.power) {
            sources.add("ina2xx");
        } else {
            absent.add("power: no power or energy reading on this machine (looked for ina2xx, hwmon, rpi_pmic, rapl);"
                    + " energy is not reported");
        }
        t.put("valid", !throttled);
        ArrayNode reasons = t.putArray("invalid_reasons");
        if (throttled) {
            reasons.add("throttled during run (get_throttled=0x20002: arm frequency capped)");
        }
        ArrayNode trace = t.putArray("trace");
        for (int k = 0; k < 40; k++) {
            double f = k / 39.0;
            ObjectNode p = trace.addObject();
            p.put("t_ms", Math.round(seconds * 1000 * f * 10) / 10.0);
            if (board.power) {
                p.put("power_w", Math.round((mean + 0.3 * Math.sin(k) * rnd.nextDouble()) * 100) / 100.0);
            }
            p.put("temp_c", Math.round((start + (peak - start) * (1 - Math.exp(-3 * f))) * 10) / 10.0);
            p.put("cpu_freq_mhz", throttled && f > 0.6 ? 1000 : 1800);
        }
        return t;
    }

    private static ArrayNode opProfile(double baseUs, String delegate) {
        ArrayNode ops = Json.mapper().createArrayNode();
        String[][] table = "edgetpu".equals(delegate)
                ? new String[][] {
                    {"edgetpu-custom-op", "0.93", "1"}, {"DEQUANTIZE", "0.05", "1"}, {"SOFTMAX", "0.02", "1"}
                }
                : new String[][] {
                    {"CONV_2D", "0.58", "35"},
                    {"DEPTHWISE_CONV_2D", "0.31", "17"},
                    {"ADD", "0.06", "10"},
                    {"MEAN", "0.03", "1"},
                    {"FULLY_CONNECTED", "0.02", "1"}
                };
        for (String[] op : table) {
            double share = Double.parseDouble(op[1]);
            ops.addObject()
                    .put("name", op[0])
                    .put("type", op[0])
                    .put("mean_us", Math.round(baseUs * share))
                    .put("share", share)
                    .put("count", Integer.parseInt(op[2]))
                    .put("derived", false);
        }
        return ops;
    }

    private static String sha(String file) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

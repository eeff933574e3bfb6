package io.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.resultstore.ResultFields;
import io.edgebench.resultstore.ResultFields.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One benchmark lane as the report shows it, read leniently from a bench result (a missing field is null and shown
 * as absent). Serialised into the page as chart data, so every name carries its unit.
 *
 * @param cdf latency distribution as [latency_us, fraction of runs at or below] points, from the percentiles the
 *     result carries (min, p50 ... p99.9, max)
 * @param trace telemetry over the timed window: t_s, temp_c, power_w columns (nulls where a sample lacks one)
 * @param energyValid the energy report's validity; null when the result has no energy report (no power source)
 * @param opProfile per-op rows when the result carries an op profile ({@code op_profile} or {@code op_profiles})
 */
public record ReportLane(
        int id,
        String device,
        String jobId,
        String label,
        String status,
        String error,
        Boolean valid,
        List<String> invalidReasons,
        List<String> warnings,
        Double p50Us,
        Interval p50CiUs,
        Double p99Us,
        Double throughputIps,
        Double energyPerInferenceMj,
        Double energyUncertaintyMj,
        Boolean energyValid,
        List<String> energyInvalidReasons,
        Double powerMeanW,
        Double tempMaxC,
        Double initUs,
        Double loadUs,
        Double firstInferenceUs,
        Double peakRssMb,
        Double runs,
        List<double[]> cdf,
        Trace trace,
        List<JsonNode> opProfile,
        List<String> absent,
        String host,
        String workload,
        Compare compare) {

    private static final String[][] QUANTILES = {
        {"min", "0"}, {"p50", "0.5"}, {"p90", "0.9"}, {"p95", "0.95"}, {"p99", "0.99"}, {"p999", "0.999"}, {"max", "1"}
    };

    public static ReportLane of(int id, String device, String jobId, JsonNode r) {
        return of(id, device, jobId, r, "no result", null, null, null);
    }

    /**
     * Lane {@code index} of a compare: ranked with the lanes of every compare of the same models and inputs (its
     * lanes' sorted workloads), so one compare run on several boards ranks across them.
     */
    public static ReportLane ofCompare(int id, ReportJob compare, int index) {
        List<String> models = new ArrayList<>();
        TreeSet<String> workloads = new TreeSet<>();
        for (JsonNode l : compare.lanes()) {
            String model = ResultFields.modelName(l);
            if (!models.contains(model)) {
                models.add(model);
            }
            workloads.add(workload(l));
        }
        Compare c = new Compare(
                "compare " + String.join(" vs ", models),
                index,
                compare.verdicts(),
                compare.notMeasured(),
                compare.accuracy());
        return of(
                id,
                compare.device(),
                compare.jobId(),
                compare.lanes().get(index),
                "no result",
                null,
                "compare " + String.join(" & ", workloads),
                c);
    }

    /**
     * A job's lane; {@code jobStatus} and {@code jobError} stand in when the lane has none of its own (a job that
     * failed before any lane ran is one empty lane carrying the job's outcome).
     *
     * @param workload what the lane is ranked against (null: lanes of the same model and inputs)
     * @param compare what the lane's compare says (null for a bench)
     */
    public static ReportLane of(
            int id,
            String device,
            String jobId,
            JsonNode r,
            String jobStatus,
            String jobError,
            String workload,
            Compare compare) {
        String status = ResultFields.text(r, "status");
        String error = ResultFields.text(r, "error");
        Double rss = ResultFields.number(r, "peak_rss_bytes");
        List<JsonNode> ops = new ArrayList<>();
        JsonNode profile = ResultFields.at(r, "op_profile");
        if (profile == null) {
            profile = ResultFields.at(r, "op_profiles");
        }
        // issue 11's OpProfile: per op type rows (op_types) read best in a chart; per node rows (ops) otherwise
        if (profile != null && profile.isObject()) {
            profile = profile.has("op_types") ? profile.get("op_types") : profile.get("ops");
        }
        if (profile != null && profile.isArray()) {
            profile.forEach(o -> {
                if (o.isObject()) {
                    ops.add(o);
                }
            });
        }
        List<String> reasons = new ArrayList<>(ResultFields.texts(r, "invalid_reasons"));
        List<String> more = new ArrayList<>(ResultFields.texts(r, "telemetry", "invalid_reasons"));
        ResultFields.texts(r, "telemetry", "energy", "invalid_reasons").forEach(t -> more.add("energy: " + t));
        for (String t : more) {
            if (!reasons.contains(t)) {
                reasons.add(t);
            }
        }
        Double rssMb = rss == null ? null : rss / (1024 * 1024);
        JsonNode energy = ResultFields.at(r, "telemetry", "energy");
        Interval p50Ci = ResultFields.latencyCi(r, "p50").orElse(null);
        return new ReportLane(
                id,
                device,
                jobId,
                ResultFields.laneLabel(r),
                ResultFields.or(status, jobStatus),
                ResultFields.or(error, jobError),
                ResultFields.bool(r, "valid"),
                reasons,
                ResultFields.texts(r, "warnings"),
                ResultFields.p50Us(r),
                p50Ci,
                ResultFields.p99Us(r),
                ResultFields.number(r, "throughput_ips"),
                ResultFields.energyPerInferenceMj(r),
                ResultFields.energyUncertaintyMj(r),
                energy == null ? null : !Boolean.FALSE.equals(ResultFields.bool(energy, "valid")),
                ResultFields.texts(energy, "invalid_reasons"),
                ResultFields.number(r, "telemetry", "power_w", "mean"),
                maxTemp(r),
                ResultFields.number(r, "init_us"),
                ResultFields.number(r, "load_us"),
                ResultFields.number(r, "first_inference_us"),
                rssMb,
                ResultFields.number(r, "runs"),
                cdf(r),
                Trace.of(r),
                ops,
                ResultFields.texts(r, "telemetry", "absent"),
                host(r),
                workload != null ? workload : workload(r),
                compare);
    }

    /**
     * What a compare adds to each of its lanes: the title of its workload ("compare a.tflite vs a.onnx"), the lane's
     * index in it, the compare's own pair verdicts (over worker processes), lines for axes it did not measure, and
     * its accuracy on a labelled set (null without --dataset).
     */
    public record Compare(
            String title, int lane, List<JsonNode> verdicts, List<String> notMeasured, ReportAccuracy accuracy) {
        public Compare {
            verdicts = List.copyOf(verdicts);
            notMeasured = List.copyOf(notMeasured);
        }
    }

    /**
     * Top-1 on a labelled set as the table shows it: "90.5 % (95 % CI 77.9-96.2) of 42"; "not scored" when the
     * compare had a set but could not score this lane (why is in the notes); "absent" when there was no set.
     */
    String top1Text() {
        Optional<ReportAccuracy.LaneScore> s = accuracyEntry();
        if (s.isEmpty()) {
            return compare != null && compare.accuracy() != null ? "not scored" : "absent";
        }
        return s.get().scored() ? s.get().top1().text() : "not scored";
    }

    /** This lane's entry in its compare's accuracy block, when the compare carried one and scored or tried it. */
    Optional<ReportAccuracy.LaneScore> accuracyEntry() {
        return compare == null || compare.accuracy() == null
                ? Optional.empty()
                : compare.accuracy().lane(compare.lane());
    }

    /** What the verdict calls this lane's workload: its compare's models, else its model file. */
    public String workloadTitle() {
        return compare != null ? compare.title() : modelName();
    }

    /**
     * What a lane ran: the model (its sha256, else its name) and its inputs (name, type, shape and where they came
     * from). Only lanes with the same workload are ranked against each other: a VAD is not slower than a pose network.
     */
    static String workload(JsonNode r) {
        String sha = ResultFields.text(r, "model", "sha256");
        StringBuilder b = new StringBuilder(sha != null ? sha : String.valueOf(ResultFields.modelName(r)));
        JsonNode inputs = ResultFields.at(r, "inputs");
        if (inputs != null && inputs.isArray()) {
            for (JsonNode in : inputs) {
                b.append('|')
                        .append(ResultFields.text(in, "name"))
                        .append(':')
                        .append(ResultFields.text(in, "dtype"))
                        .append(':')
                        .append(in.path("shape"))
                        .append(':')
                        .append(in.path("source"));
            }
        }
        return b.toString();
    }

    /** "a.tflite x2" names the lane; "x2" is its inference threads, said once on the page. */
    public String modelName() {
        int space = label.indexOf(' ');
        return space < 0 ? label : label.substring(0, space);
    }

    /** "aarch64, 4 CPUs, kernel 6.6.51" from the result's host block, or null. */
    private static String host(JsonNode r) {
        String arch = ResultFields.text(r, "host", "arch");
        if (arch == null) {
            return null;
        }
        Double cpus = ResultFields.number(r, "host", "cpus");
        String kernel = ResultFields.text(r, "host", "kernel");
        return arch
                + (cpus == null ? "" : ", " + cpus.intValue() + " CPUs")
                + (kernel == null ? "" : ", kernel " + kernel);
    }

    public boolean measured() {
        return p50Us != null;
    }

    /** Energy per inference as the table shows it: the figure, why it is invalid, or that no source measured it. */
    String energyText() {
        if (energyPerInferenceMj != null) {
            return Verdict.mj(energyPerInferenceMj, energyUncertaintyMj);
        }
        if (Boolean.FALSE.equals(energyValid)) {
            return "invalid: " + invalidEnergyReasons();
        }
        return energyValid == null && measured() ? "not measured (no power source)" : "absent";
    }

    /** The energy report's invalid reasons, joined. */
    String invalidEnergyReasons() {
        return energyInvalidReasons.isEmpty() ? "no reason given" : String.join("; ", energyInvalidReasons);
    }

    private static List<double[]> cdf(JsonNode r) {
        List<double[]> points = new ArrayList<>();
        for (String[] q : QUANTILES) {
            Double v = ResultFields.number(r, "latency_us", q[0]);
            if (v != null) {
                points.add(new double[] {v, Double.parseDouble(q[1])});
            }
        }
        return points;
    }

    private static Double maxTemp(JsonNode r) {
        JsonNode temps = ResultFields.at(r, "telemetry", "temp_c");
        Double max = null;
        if (temps != null && temps.isObject()) {
            for (JsonNode zone : temps) {
                Double m = ResultFields.number(zone, "max");
                if (m != null && (max == null || m > max)) {
                    max = m;
                }
            }
        }
        return max;
    }

    /** Telemetry over the run, columns of equal length; empty when the result has no trace. */
    public record Trace(List<Double> tS, List<Double> tempC, List<Double> powerW) {
        static Trace of(JsonNode r) {
            List<Double> t = new ArrayList<>();
            List<Double> temp = new ArrayList<>();
            List<Double> power = new ArrayList<>();
            JsonNode trace = ResultFields.at(r, "telemetry", "trace");
            if (trace != null && trace.isArray()) {
                for (JsonNode p : trace) {
                    Double ms = ResultFields.number(p, "t_ms");
                    if (ms != null) {
                        t.add(ms / 1000);
                        temp.add(ResultFields.number(p, "temp_c"));
                        power.add(ResultFields.number(p, "power_w"));
                    }
                }
            }
            return new Trace(t, temp, power);
        }
    }
}

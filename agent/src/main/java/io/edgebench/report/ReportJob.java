package io.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.resultstore.ResultFields;
import java.util.List;

/**
 * One result message in the report: which device ran which job, how it ended, and its lanes.
 *
 * @param verdicts a compare's pair verdicts (its "verdicts" array, over worker processes), empty for a bench
 * @param notMeasured a compare's lines for the verdict axes it did not measure ("not_measured"), empty for a bench
 * @param accuracy a compare's accuracy on a labelled set ("accuracy", compare --dataset); null without one
 */
public record ReportJob(
        String device,
        String jobId,
        String verb,
        String status,
        String error,
        String finishedTs,
        List<JsonNode> lanes,
        List<JsonNode> agreement,
        List<JsonNode> verdicts,
        List<String> notMeasured,
        ReportAccuracy accuracy) {

    public ReportJob {
        lanes = List.copyOf(lanes);
        agreement = List.copyOf(agreement);
        verdicts = List.copyOf(verdicts);
        notMeasured = List.copyOf(notMeasured);
    }

    /** The objects of a compare's array {@code field} ("agreement", "verdicts"), empty for a bench. */
    static List<JsonNode> objectsOf(JsonNode result, String field) {
        JsonNode a = result == null ? null : result.get(field);
        List<JsonNode> pairs = new java.util.ArrayList<>();
        if (a != null && a.isArray()) {
            a.forEach(p -> {
                if (p.isObject()) {
                    pairs.add(p);
                }
            });
        }
        return pairs;
    }

    /**
     * A bare result names no device: the host it ran on (arch, CPUs, kernel from its host block) stands in, so the
     * results of one machine group together whatever their files are called; the file name only without a host.
     */
    static String hostOf(List<JsonNode> lanes, String fallback) {
        for (JsonNode l : lanes) {
            String arch = ResultFields.text(l, "host", "arch");
            if (arch != null) {
                Integer cpus = ResultFields.integer(l, "host", "cpus");
                String kernel = ResultFields.text(l, "host", "kernel");
                return "host " + arch + (cpus == null ? "" : " " + cpus + " CPUs")
                        + (kernel == null ? "" : " kernel " + kernel);
            }
        }
        return fallback;
    }

    /** From a result message (docs/mqtt.md), or from a bare bench/compare result as the local commands write it. */
    public static ReportJob of(JsonNode node, String fallbackDevice, String fallbackJob) {
        if (node.has("result") || node.has("job_id")) {
            String device = ResultFields.text(node, "device_id");
            String job = ResultFields.text(node, "job_id");
            return new ReportJob(
                    device != null ? device : fallbackDevice,
                    job != null ? job : fallbackJob,
                    ResultFields.text(node, "verb"),
                    ResultFields.text(node, "status"),
                    ResultFields.text(node, "error"),
                    ResultFields.text(node, "finished_ts"),
                    ResultFields.lanes(node.get("result")),
                    objectsOf(node.get("result"), "agreement"),
                    objectsOf(node.get("result"), "verdicts"),
                    ResultFields.texts(node.get("result"), "not_measured"),
                    ReportAccuracy.of(node.get("result")).orElse(null));
        }
        List<JsonNode> lanes = ResultFields.lanes(node);
        String verb = node.has("results") ? "compare" : "bench";
        return new ReportJob(
                hostOf(lanes, fallbackDevice),
                fallbackJob,
                verb,
                ResultFields.text(node, "status"),
                ResultFields.text(node, "error"),
                null,
                lanes,
                objectsOf(node, "agreement"),
                objectsOf(node, "verdicts"),
                ResultFields.texts(node, "not_measured"),
                ReportAccuracy.of(node).orElse(null));
    }
}

package io.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.resultstore.ResultFields;
import java.util.List;

/**
 * One result message in the report: which device ran which job, how it ended, and its lanes.
 *
 */
public record ReportJob(String device, String jobId, String verb, String status, String error, String finishedTs,
        List<JsonNode> lanes) {

    public ReportJob {
        lanes = List.copyOf(lanes);
    }

    /** From a result message (docs/mqtt.md), or from a bare bench/compare result as the local commands write it. */
    public static ReportJob of(JsonNode node, String fallbackDevice, String fallbackJob) {
        if (node.has("result") || node.has("job_id")) {
            String device = ResultFields.text(node, "device_id");
            String job = ResultFields.text(node, "job_id");
            return new ReportJob(device != null ? device : fallbackDevice, job != null ? job : fallbackJob,
                    ResultFields.text(node, "verb"), ResultFields.text(node, "status"), ResultFields.text(node, "error"),
                    ResultFields.text(node, "finished_ts"), ResultFields.lanes(node.get("result")));
        }
        List<JsonNode> lanes = ResultFields.lanes(node);
        String verb = node.has("results") ? "compare" : "bench";
        return new ReportJob(fallbackDevice, fallbackJob, verb, ResultFields.text(node, "status"),
                ResultFields.text(node, "error"), null, lanes);
    }
}

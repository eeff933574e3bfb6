package io.edgebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.bench.ResultTable;
import io.edgebench.compare.CompareTable;
import io.edgebench.wire.JobOutput;
import java.util.List;

/**
 * Renders a job result that came over MQTT the way the local command prints it: a compare report with the compare
 * table, a bench result with the bench table. Fields a newer agent added are ignored; JSON this version cannot map
 * at all falls back to {@link SideBySide}, which reads any JSON with the usual field names.
 */
public final class RemoteResults {
    private RemoteResults() {}

    /** One result/&lt;job_id&gt; message: its result typed by its verb, read leniently (see JobOutput.read). */
    static String render(JsonNode message) {
        JsonNode result = message == null ? null : message.get("result");
        if (result == null || result.isNull()) {
            return "(the result message carries no result)\n";
        }
        try {
            JobOutput output = JobOutput.read(message.path("verb").asText(), result);
            if (output instanceof JobOutput.Compare c) {
                return CompareTable.render(c.value());
            }
            if (output instanceof JobOutput.Bench b) {
                return ResultTable.render(b.value());
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // JSON this version cannot map at all: the generic rendering below still shows what is there
        }
        return SideBySide.render(SideBySide.benchResults(result));
    }

    /** Result messages: one renders as {@link #render}; several bench results side by side. */
    public static String renderAll(List<JsonNode> messages) {
        if (messages.size() == 1) {
            return render(messages.get(0));
        }
        return SideBySide.render(messages.stream()
                .map(m -> m.get("result"))
                .filter(r -> r != null && !r.isNull())
                .toList());
    }
}

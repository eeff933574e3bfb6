package io.edgebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.protocol.BenchResult;
import io.edgebench.bench.ResultTable;
import io.edgebench.protocol.CompareReport;
import io.edgebench.compare.CompareTable;
import io.edgebench.json.Json;
import java.util.List;

/**
 * Renders a job result that came over MQTT the way the local command prints it: a compare report with the compare
 * table, a bench result with the bench table. JSON this version cannot map (an agent of another version) falls back
 * to {@link SideBySide}, which reads any JSON with the usual field names.
 */
public final class RemoteResults {
    private RemoteResults() {}

    static String render(JsonNode result) {
        if (result == null || result.isNull()) {
            return "(the result message carries no result)\n";
        }
        try {
            if (result.has("lanes") && result.has("results")) {
                return CompareTable.render(Json.mapper().treeToValue(result, CompareReport.class));
            }
            if (result.has("runtime") && result.has("status")) {
                return ResultTable.render(Json.mapper().treeToValue(result, BenchResult.class));
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // another agent version: the generic rendering below still shows what is there
        }
        return SideBySide.render(SideBySide.benchResults(result));
    }

    /** Result messages: one renders as {@link #render}; several bench results side by side. */
    public static String renderAll(List<JsonNode> messages) {
        if (messages.size() == 1) {
            return render(messages.get(0).get("result"));
        }
        return SideBySide.render(messages.stream().map(m -> m.get("result")).filter(r -> r != null && !r.isNull())
                .toList());
    }
}

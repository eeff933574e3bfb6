package io.edgebench.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import java.util.List;

/**
 * A compare request as a controller writes it (docs/mqtt.md, compare fields); fields left null are left out, so
 * the agent applies its defaults. The agent parses requests with {@link CommandParser}, strictly.
 */
public record CompareRequest(List<String> models, List<String> delegates, Integer runs, Integer agreementInputs) {
    public CompareRequest {
        models = List.copyOf(models);
        delegates = delegates == null ? null : List.copyOf(delegates);
    }

    /** The JSON payload for Controller.submit. */
    public ObjectNode toPayload() {
        return Json.mapper().valueToTree(this);
    }
}

package io.edgebench.model.tflite;

import io.edgebench.model.TensorInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a .tflite file declares, read without loading it into TFLite. JSON (through json.Json) uses snake_case keys:
 * schema_version, description, subgraph_count, operator_count, op_counts, custom_ops, edgetpu_compiled, inputs, outputs.
 *
 * @param schemaVersion the model's schema version (3 for every current converter)
 * @param description the converter's description string, or null
 * @param subgraphCount all subgraphs; the first is the one that runs, the others are control-flow bodies
 * @param operatorCount operators over all subgraphs
 * @param opCounts operators by name (builtin names like CONV_2D; custom ops by custom_code), in first-seen order
 * @param customOps distinct custom op names, in first-seen order
 * @param edgetpuCompiled true when any op is "edgetpu-custom-op" (output of edgetpu_compiler)
 * @param inputs the first subgraph's inputs; -1 marks a dynamic dim (from shape_signature)
 * @param outputs the first subgraph's outputs
 */
public record TfliteInspection(
        long schemaVersion,
        String description,
        int subgraphCount,
        int operatorCount,
        Map<String, Integer> opCounts,
        List<String> customOps,
        boolean edgetpuCompiled,
        List<TensorInfo> inputs,
        List<TensorInfo> outputs) {

    public TfliteInspection {
        if (subgraphCount < 0 || operatorCount < 0) {
            throw new IllegalArgumentException(
                    "subgraph_count [" + subgraphCount + "] and operator_count [" + operatorCount + "] must be >= 0");
        }
        opCounts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(opCounts, "opCounts")));
        customOps = List.copyOf(customOps);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}

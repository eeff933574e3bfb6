package io.edgebench.model.onnx;

import io.edgebench.model.TensorInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link OnnxModelReader} found in a ModelProto, without loading any runtime.
 *
 * @param irVersion ModelProto.ir_version
 * @param producerName ModelProto.producer_name, empty when absent
 * @param producerVersion ModelProto.producer_version, empty when absent
 * @param opsets opset version by domain ("" is the default ai.onnx domain)
 * @param nodeCount nodes of the main graph (nodes inside If/Loop bodies are not counted)
 * @param opCounts main-graph nodes by op type; ops of non-default domains are keyed "domain:OpType"
 * @param inputs graph inputs that are real inputs (initializers listed in graph.input are left out)
 * @param outputs graph outputs
 * @param initializerCount dense and sparse initializers of the main graph
 * @param subgraphCount the main graph plus every graph nested in node attributes
 */
public record OnnxModel(
        long irVersion,
        String producerName,
        String producerVersion,
        Map<String, Long> opsets,
        int nodeCount,
        Map<String, Integer> opCounts,
        List<TensorInfo> inputs,
        List<TensorInfo> outputs,
        int initializerCount,
        int subgraphCount) {

    public OnnxModel {
        Objects.requireNonNull(producerName, "producerName");
        Objects.requireNonNull(producerVersion, "producerVersion");
        opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        opCounts = Collections.unmodifiableMap(new LinkedHashMap<>(opCounts));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (nodeCount < 0 || initializerCount < 0 || subgraphCount < 1) {
            throw new IllegalArgumentException("counts [nodes=" + nodeCount + ", initializers=" + initializerCount
                    + ", subgraphs=" + subgraphCount + "] must be >= 0 (subgraphs >= 1)");
        }
    }

    /** Version of the default (ai.onnx) opset, or null when the model imports none. */
    public Long defaultOpset() {
        Long v = opsets.get("");
        return v != null ? v : opsets.get("ai.onnx");
    }

    /** "tf2onnx 1.7.2", or "" when the producer is not recorded. */
    public String producer() {
        return (producerName + " " + producerVersion).trim();
    }
}

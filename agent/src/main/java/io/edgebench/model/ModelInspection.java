package io.edgebench.model;

import io.edgebench.results.ModelFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code edgebench inspect} reports about a model, the same for TFLite and ONNX. Serialised with json.Json
 * (snake_case keys, nulls left out).
 *
 * @param path the file as given
 * @param format sniffed from content
 * @param sha256 lower-case hex
 * @param inputs real inputs (ONNX initializers listed as graph inputs are left out); -1 marks a dynamic dim
 * @param opCounts nodes by op type, most frequent first (ties by name); ONNX ops of other domains are "domain:Op"
 * @param totalOps sum of opCounts: TFLite operators of all subgraphs, ONNX nodes of the main graph
 * @param customOps op types the stock runtime does not implement (TFLite custom ops, ONNX ops of unknown domains)
 * @param edgetpuCompiled true when the model contains edgetpu-custom-op (TFLite only)
 * @param producer ONNX producer_name and version, or the TFLite description; null when absent
 * @param opset ONNX default-domain opset; null for TFLite
 * @param irVersion ONNX IR version; null for TFLite
 * @param subgraphs TFLite subgraphs, or the ONNX main graph plus graphs nested in If/Loop/Scan
 */
public record ModelInspection(
        String path,
        ModelFormat format,
        long sizeBytes,
        String sha256,
        List<TensorInfo> inputs,
        List<TensorInfo> outputs,
        Map<String, Integer> opCounts,
        int totalOps,
        List<String> customOps,
        boolean edgetpuCompiled,
        String producer,
        Long opset,
        Long irVersion,
        int subgraphs) {

    /** The same inspection naming the file {@code name} (the agent names models by file name, not by path). */
    public ModelInspection withPath(String name) {
        return new ModelInspection(
                name,
                format,
                sizeBytes,
                sha256,
                inputs,
                outputs,
                opCounts,
                totalOps,
                customOps,
                edgetpuCompiled,
                producer,
                opset,
                irVersion,
                subgraphs);
    }

    public ModelInspection {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        opCounts = sortedByCount(opCounts);
        customOps = List.copyOf(customOps);
        int sum = opCounts.values().stream().mapToInt(Integer::intValue).sum();
        if (sizeBytes <= 0 || totalOps != sum || subgraphs < 1) {
            throw new IllegalArgumentException("inspection of [" + path + "] is inconsistent: size_bytes ["
                    + sizeBytes + "] must be > 0, total_ops [" + totalOps + "] must equal the op counts' sum ["
                    + sum + "], subgraphs [" + subgraphs + "] must be >= 1");
        }
    }

    private static Map<String, Integer> sortedByCount(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(sorted);
    }
}

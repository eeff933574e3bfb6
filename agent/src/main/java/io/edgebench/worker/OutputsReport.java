package io.edgebench.worker;

import io.edgebench.protocol.BenchResult.InputShape;
import io.edgebench.protocol.Delegate;
import java.util.List;

/**
 * Outputs mode: one inference per seed, every output as real (dequantized) values.
 *
 * @param outputNames the session's output names, in order
 * @param runs one entry per requested seed, in request order
 */
public record OutputsReport(String runtimeVersion, Delegate delegate, List<InputShape> inputs, List<String> outputNames,
        List<SeedOutputs> runs) {
    public OutputsReport {
        inputs = List.copyOf(inputs);
        outputNames = List.copyOf(outputNames);
        runs = List.copyOf(runs);
    }

    /** The outputs for one seed, in the session's output order. */
    public record SeedOutputs(long seed, List<float[]> outputs) {
        public SeedOutputs {
            outputs = List.copyOf(outputs);
        }
    }
}

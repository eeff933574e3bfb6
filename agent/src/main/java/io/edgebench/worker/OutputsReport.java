package io.edgebench.worker;

import io.edgebench.model.OutputCoding;
import io.edgebench.results.BenchResult.InputShape;
import io.edgebench.results.Delegate;
import java.util.List;

/**
 * Outputs mode: one inference per seed, every output as real (dequantized) values.
 *
 * @param outputNames the session's output names, in order
 * @param runs one entry per requested seed, in request order
 * @param outputShapes the shape of each output as run (after the first seed), for aligning outputs between lanes
 * @param outputCodings what each output's values are (float, dequantized codes and their step, raw codes); null from
 *     older workers
 */
public record OutputsReport(
        String runtimeVersion,
        Delegate delegate,
        List<InputShape> inputs,
        List<String> outputNames,
        List<SeedOutputs> runs,
        List<List<Long>> outputShapes,
        List<OutputCoding> outputCodings) {
    public OutputsReport {
        outputCodings = outputCodings == null ? null : List.copyOf(outputCodings);
        inputs = List.copyOf(inputs);
        outputNames = List.copyOf(outputNames);
        runs = List.copyOf(runs);
        outputShapes = outputShapes == null
                ? null
                : outputShapes.stream().map(List::copyOf).toList();
    }

    /** Without output shapes (reports of workers before outputs were aligned by shape). */
    public OutputsReport(
            String runtimeVersion,
            Delegate delegate,
            List<InputShape> inputs,
            List<String> outputNames,
            List<SeedOutputs> runs) {
        this(runtimeVersion, delegate, inputs, outputNames, runs, null, null);
    }

    /**
     * The outputs for one seed, in the session's output order.
     *
     * @param inputs the inputs of that inference as fed (the file of a directory input differs per seed)
     */
    public record SeedOutputs(long seed, List<float[]> outputs, List<InputShape> inputs) {
        public SeedOutputs {
            outputs = List.copyOf(outputs);
            inputs = inputs == null ? null : List.copyOf(inputs);
        }

        public SeedOutputs(long seed, List<float[]> outputs) {
            this(seed, outputs, null);
        }
    }
}

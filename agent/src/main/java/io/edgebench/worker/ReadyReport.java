package io.edgebench.worker;

import io.edgebench.results.BenchResult.InputShape;
import io.edgebench.results.BenchResult.Warmup;
import io.edgebench.results.CpuPlacement;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuInfo;
import java.util.List;

/**
 * A rounds-mode worker after load and warm-up, ready for rounds: the session's facts (as in {@link BenchReport})
 * and how long warming up took.
 */
public record ReadyReport(
        String runtimeVersion,
        Delegate delegate,
        long loadUs,
        long initUs,
        List<InputShape> inputs,
        long firstInferenceUs,
        Warmup warmup,
        double warmupSeconds,
        Delegation delegation,
        EdgeTpuInfo edgetpu,
        List<String> warnings,
        CpuPlacement placement) {
    public ReadyReport {
        inputs = List.copyOf(inputs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}

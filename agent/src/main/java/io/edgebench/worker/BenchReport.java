package io.edgebench.worker;

import io.edgebench.protocol.BenchResult.InputShape;
import io.edgebench.worker.Measurement.Measured;
import io.edgebench.protocol.Delegate;
import io.edgebench.protocol.Delegation;
import io.edgebench.protocol.EdgeTpuInfo;
import java.util.List;

/**
 * What the worker measured in bench mode: the session's own facts plus the measurement.
 *
 * @param peakRssBytes the worker's VmHWM after the timed loop; null where /proc is absent
 * @param edgetpu ModelSession.edgeTpu(), null for other delegates
 * @param warnings ModelSession.warnings()
 */
public record BenchReport(String runtimeVersion, Delegate delegate, long loadUs, long initUs, List<InputShape> inputs,
        Measured measured, Long peakRssBytes, Delegation delegation, EdgeTpuInfo edgetpu, List<String> warnings) {
    public BenchReport {
        inputs = List.copyOf(inputs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}

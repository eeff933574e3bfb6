package io.edgebench.worker;

import io.edgebench.protocol.BenchResult.InputShape;
import io.edgebench.worker.Measurement.Measured;
import io.edgebench.protocol.Delegate;
import io.edgebench.protocol.Delegation;
import io.edgebench.protocol.EdgeTpuInfo;
import io.edgebench.protocol.OpProfile;
import java.util.List;

/**
 * What the worker measured in bench mode: the session's own facts plus the measurement.
 *
 * @param peakRssBytes the worker's VmHWM after the timed loop; null where /proc is absent
 * @param edgetpu ModelSession.edgeTpu(), null for other delegates
 * @param warnings ModelSession.warnings()
 * @param opProfile per-operator times of the separate profiled pass (profile_ops); null when not asked for
 */
public record BenchReport(String runtimeVersion, Delegate delegate, long loadUs, long initUs, List<InputShape> inputs,
        Measured measured, Long peakRssBytes, Delegation delegation, EdgeTpuInfo edgetpu, List<String> warnings,
        OpProfile opProfile) {
    public BenchReport {
        inputs = List.copyOf(inputs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without a per-op profile. */
    public BenchReport(String runtimeVersion, Delegate delegate, long loadUs, long initUs, List<InputShape> inputs,
            Measured measured, Long peakRssBytes, Delegation delegation, EdgeTpuInfo edgetpu, List<String> warnings) {
        this(runtimeVersion, delegate, loadUs, initUs, inputs, measured, peakRssBytes, delegation, edgetpu, warnings,
                null);
    }
}

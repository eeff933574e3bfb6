package io.edgebench.worker;

import io.edgebench.results.BenchResult.InputShape;
import io.edgebench.results.CpuPlacement;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.OpProfile;
import io.edgebench.worker.Measurement.Measured;
import java.util.List;

/**
 * What the worker measured in bench mode: the session's own facts plus the measurement.
 *
 * @param peakRssBytes the worker's VmHWM after the timed loop; null where /proc is absent
 * @param edgetpu ModelSession.edgeTpu(), null for other delegates
 * @param warnings ModelSession.warnings()
 * @param opProfile per-operator times of the separate profiled pass (profile_ops); null when not asked for
 * @param placement the CPUs the worker ran on (after --cpus pinning) and what they are
 */
public record BenchReport(
        String runtimeVersion,
        Delegate delegate,
        long loadUs,
        long initUs,
        List<InputShape> inputs,
        Measured measured,
        Long peakRssBytes,
        Delegation delegation,
        EdgeTpuInfo edgetpu,
        List<String> warnings,
        OpProfile opProfile,
        CpuPlacement placement,
        Long loadRssBytes) {
    public BenchReport {
        inputs = List.copyOf(inputs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}

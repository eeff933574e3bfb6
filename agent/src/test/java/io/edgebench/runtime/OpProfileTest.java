package io.edgebench.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.Delegate;
import io.edgebench.results.OpProfile;
import io.edgebench.results.OpProfile.OpTime;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.onnx.OnnxRuntime;
import io.edgebench.runtime.tflite.TfliteRuntime;
import io.edgebench.testkit.SharedModels;
import io.edgebench.worker.Measurement;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --profile-ops: the operators' times add up to the profiled pass's latency (within 10 %) for TFLite's builtin
 * kernels, TFLite with XNNPACK (its delegate kernel's time derived from the execution plan) and ONNX Runtime. A
 * thread preempted between two ops (this machine is shared) widens the gap, so each case takes the best of three
 * profiled passes.
 */
@Tag("slow")
@Timeout(300)
class OpProfileTest {
    @TempDir
    Path dir;

    private static OpProfile best(ModelSession s) {
        Measurement.fillInputs(s, BenchParams.defaults(Path.of("m")), 1);
        OpProfile best = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            OpProfile p = s.profileOps(20);
            if (best == null || gap(p) < gap(best)) {
                best = p;
            }
        }
        return best;
    }

    private static long count(OpProfile p, String type) {
        return p.opTypes().stream()
                .filter(t -> t.name().equals(type))
                .mapToLong(OpTime::count)
                .sum();
    }

    private static double gap(OpProfile p) {
        return Math.abs(p.opsTotalUs() - p.passMeanUs()) / p.passMeanUs();
    }

    private static void check(OpProfile p, String firstType) {
        assertTrue(
                gap(p) <= 0.10, String.format("ops %.1f us vs profiled pass %.1f us", p.opsTotalUs(), p.passMeanUs()));
        if (firstType != null) {
            assertEquals(firstType, p.opTypes().get(0).name(), p.opTypes().toString());
        }
        double shares = p.ops().stream().mapToDouble(OpTime::share).sum();
        assertEquals(1.0, shares, 1e-9);
        assertEquals(
                p.ops().size(), p.opTypes().stream().mapToLong(OpTime::count).sum());
    }

    @Test
    void tflite_builtinKernels_listEveryOp() {
        Path model = SharedModels.require("mobilenet_v1_0.25_128_quant.tflite");
        try (ModelSession s = new TfliteRuntime().open(model, SessionOptions.of(RuntimeKind.TFLITE, Delegate.CPU, 1))) {
            OpProfile p = best(s);
            check(p, null); // which conv kind is slowest depends on the machine and its load
            assertEquals(31, p.ops().size());
            assertEquals(15, count(p, "CONV_2D"));
            assertEquals(13, count(p, "DEPTHWISE_CONV_2D"));
            assertFalse(p.ops().stream().anyMatch(OpTime::derived));
        }
    }

    @Test
    void tflite_xnnpack_showsItsDelegateKernels() {
        Path model = SharedModels.require("mobilenet_v1_0.25_128_quant.tflite");
        try (ModelSession s =
                new TfliteRuntime().open(model, SessionOptions.of(RuntimeKind.TFLITE, Delegate.XNNPACK, 1))) {
            OpProfile p = best(s);
            check(p, "TfLiteXNNPackDelegate");
            assertTrue(p.opTypes().get(0).derived());
            assertFalse(p.notes().isEmpty());
        }
    }

    @Test
    void tflite_forgedModel_withoutSharedModels() throws Exception {
        Forge.Result f = Forge.forge(ForgeSpec.of(Arch.MOBILENET_V1, 0.25, 128, null, ForgeSpec.Quantize.NONE, 1), dir);
        try (ModelSession s =
                new TfliteRuntime().open(f.tflite(), SessionOptions.of(RuntimeKind.TFLITE, Delegate.CPU, 1))) {
            OpProfile p = best(s);
            check(p, null); // float: depthwise and pointwise convs take similar shares
            assertEquals(31, p.ops().size());
        }
    }

    @Test
    void onnxRuntime_sessionProfiling_isParsed() throws Exception {
        // MobileNet v1 1.0/128: ops long enough that ONNX Runtime's per-node profiling bookkeeping (a few us each,
        // inside model_run but outside the kernels) stays small; on 0.25-width models it is about 20 %
        Forge.Result f = Forge.forge(ForgeSpec.of(Arch.MOBILENET_V1, 1.0, 128, null, ForgeSpec.Quantize.NONE, 1), dir);
        try (ModelSession s = new OnnxRuntime().open(f.onnx(), SessionOptions.of(RuntimeKind.ONNX, Delegate.CPU, 1))) {
            OpProfile p = best(s);
            check(p, null);
            assertEquals(
                    27, count(p, "Conv") + count(p, "FusedConv"), p.opTypes().toString());
            assertTrue(p.ops().size() >= 27, p.ops().toString());
        }
    }
}

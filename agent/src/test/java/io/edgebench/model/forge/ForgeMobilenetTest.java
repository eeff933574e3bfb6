package io.edgebench.model.forge;

import static io.edgebench.model.forge.ForgeTinyTest.argmax;
import static io.edgebench.model.forge.ForgeTinyTest.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class ForgeMobilenetTest {

    @Test
    void mobilenetV2_1_0_224_matchesRealNetworkShape(@TempDir Path dir) throws Exception {
        ForgeSidecar s = Forge.forge(ForgeSpec.of(Arch.MOBILENET_V2, 1.0, null, null, ForgeSpec.Quantize.NONE, 1), dir)
                .sidecar();
        assertEquals("mobilenet_v2_1.0_224_f32", s.name());
        // the real mobilenet_v2_1.0_224_quant.tflite has 66 operators: 52 conv, 17 depthwise... (ops=66)
        assertEquals(66, s.tfliteOpTotal());
        assertEquals(
                Map.of(
                        "CONV_2D",
                        35,
                        "DEPTHWISE_CONV_2D",
                        17,
                        "ADD",
                        10,
                        "AVERAGE_POOL_2D",
                        1,
                        "RESHAPE",
                        1,
                        "FULLY_CONNECTED",
                        1,
                        "SOFTMAX",
                        1),
                s.tfliteOps());
        assertTrue(s.macs() > 295_000_000L && s.macs() < 305_000_000L, "MACs " + s.macs());
        // Keras' MobileNetV2 count (3,538,984) minus batch-norm parameters (68,224), plus one folded bias per
        // channel (17,056) and the 1001st class (1,281)
        assertEquals(3_489_097L, s.parameters());
    }

    @Test
    void mobilenetV1_0_25_128_hasTheRealOpCount(@TempDir Path dir) throws Exception {
        ForgeSidecar s = Forge.forge(ForgeSpec.of(Arch.MOBILENET_V1, 0.25, 128, null, ForgeSpec.Quantize.NONE, 1), dir)
                .sidecar();
        assertEquals(31, s.tfliteOpTotal()); // mobilenet_v1_0.25_128_quant.tflite: ops=31
    }

    @Test
    void smallMobilenetV2Pair_agreesAcrossRuntimes_andInt8Runs(@TempDir Path dir) throws Exception {
        ForgeSpec spec = ForgeSpec.of(Arch.MOBILENET_V2, 0.35, 96, 20, ForgeSpec.Quantize.NONE, 3);
        Forge.Result f32 = Forge.forge(spec, dir);
        Forge.Result int8 = Forge.forge(spec.withQuantize(ForgeSpec.Quantize.INT8), dir);
        int[] s = {1, 96, 96, 3};
        double maxAbs = 0;
        int inputs = 100;
        try (ForgedSession tf = ForgedSession.tflite(f32.tflite(), false, 1);
                ForgedSession of = ForgedSession.onnx(f32.onnx());
                ForgedSession tq = ForgedSession.tflite(int8.tflite(), false, 1);
                ForgedSession oq = ForgedSession.onnx(int8.onnx())) {
            assertEquals(66, tf.nodes());
            assertEquals(66, tq.nodes());
            assertTrue(tq.int8Input());
            for (int seed = 1; seed <= inputs; seed++) {
                float[] x = ReferenceExecutor.seededInput(s, seed);
                float[] xt = ReferenceExecutor.nhwcToNchw(x, 96, 96, 3);
                float[] a = tf.run(x);
                float[] b = of.run(xt);
                maxAbs = Math.max(maxAbs, maxAbsDiff(a, b));
                assertEquals(argmax(a), argmax(b), "top-1 float TFLite vs ONNX, seed " + seed);
            }
            // int8 vs float top-1 is held to >= 95% on the tiny pair (ForgeTinyTest) and measured for 1.0/224 in
            // ForgeLatencyCheck; here only that both int8 files run and give a probability vector
            assertEquals(1.0, sum(tq.run(ReferenceExecutor.seededInput(s, 1))), 0.05);
            assertEquals(
                    1.0,
                    sum(oq.run(ReferenceExecutor.nhwcToNchw(ReferenceExecutor.seededInput(s, 1), 96, 96, 3))),
                    0.05);
        }
        assertTrue(maxAbs <= 1e-4, "max abs error " + maxAbs);
    }

    private static double sum(float[] v) {
        double total = 0;
        for (float x : v) {
            total += x;
        }
        return total;
    }
}

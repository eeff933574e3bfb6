package io.edgebench.model.forge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ForgeTinyTest {
    private static final int INPUTS = 100;

    @TempDir
    static Path dir;

    static Forge.Result f32;
    static Forge.Result int8;

    @BeforeAll
    static void forgeBoth() throws Exception {
        f32 = Forge.forge(ForgeSpec.tiny(), dir);
        int8 = Forge.forge(ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8), dir);
    }

    @Test
    void tinyPair_isSmallAndNamed() throws Exception {
        assertEquals("tiny_f32.tflite", f32.tflite().getFileName().toString());
        assertEquals("tiny_int8.onnx", int8.onnx().getFileName().toString());
        assertTrue(Files.size(f32.tflite()) + Files.size(f32.onnx()) < 1_000_000);
    }

    @Test
    void tinyTflite_hasExpectedOps() {
        Map<String, Integer> ops = f32.sidecar().tfliteOps();
        assertEquals(
                Map.of(
                        "CONV_2D",
                        6,
                        "DEPTHWISE_CONV_2D",
                        3,
                        "ADD",
                        1,
                        "AVERAGE_POOL_2D",
                        1,
                        "RESHAPE",
                        1,
                        "FULLY_CONNECTED",
                        1,
                        "SOFTMAX",
                        1),
                ops);
        assertEquals(ops, int8.sidecar().tfliteOps());
        assertEquals(14, f32.sidecar().tfliteOpTotal());
    }

    @Test
    void floatPair_agreesAcrossRuntimesAndWithReference() throws Exception {
        Network net = Forge.network(ForgeSpec.tiny());
        int[] s = net.inputSpec().shape();
        double maxAbs = 0;
        double maxAbsRef = 0;
        int top1Same = 0;
        try (ForgedSession tfl = ForgedSession.tflite(f32.tflite(), false, 1);
                ForgedSession onnx = ForgedSession.onnx(f32.onnx())) {
            assertEquals(14, tfl.nodes());
            for (int seed = 1; seed <= INPUTS; seed++) {
                float[] nhwc = ReferenceExecutor.seededInput(s, seed);
                float[] a = tfl.run(nhwc);
                float[] b = onnx.run(ReferenceExecutor.nhwcToNchw(nhwc, s[1], s[2], s[3]));
                float[] ref = ReferenceExecutor.run(net, nhwc);
                maxAbs = Math.max(maxAbs, maxAbsDiff(a, b));
                maxAbsRef = Math.max(maxAbsRef, Math.max(maxAbsDiff(a, ref), maxAbsDiff(b, ref)));
                top1Same += argmax(a) == argmax(b) ? 1 : 0;
            }
        }
        assertTrue(maxAbs <= 1e-4, "max abs error TFLite vs ONNX " + maxAbs);
        assertTrue(maxAbsRef <= 1e-4, "max abs error vs reference " + maxAbsRef);
        assertEquals(INPUTS, top1Same);
    }

    @Test
    void int8Pair_agreesWithFloatParentOnTop1() throws Exception {
        Network net = Forge.network(ForgeSpec.tiny());
        int[] s = net.inputSpec().shape();
        int tflSame = 0;
        int onnxSame = 0;
        try (ForgedSession tfl = ForgedSession.tflite(int8.tflite(), false, 1);
                ForgedSession onnx = ForgedSession.onnx(int8.onnx())) {
            assertTrue(tfl.int8Input());
            for (int seed = 1; seed <= INPUTS; seed++) {
                float[] nhwc = ReferenceExecutor.seededInput(s, seed);
                int ref = argmax(ReferenceExecutor.run(net, nhwc));
                tflSame += argmax(tfl.run(nhwc)) == ref ? 1 : 0;
                onnxSame += argmax(onnx.run(ReferenceExecutor.nhwcToNchw(nhwc, s[1], s[2], s[3]))) == ref ? 1 : 0;
            }
        }
        assertTrue(tflSame >= 95, "TFLite int8 top-1 agreement " + tflSame + "/" + INPUTS);
        assertTrue(onnxSame >= 95, "ONNX QDQ top-1 agreement " + onnxSame + "/" + INPUTS);
    }

    @Test
    void sameSpec_writesIdenticalBytes(@TempDir Path other) throws Exception {
        Forge.Result again = Forge.forge(ForgeSpec.tiny(), other);
        assertArrayEquals(Files.readAllBytes(f32.tflite()), Files.readAllBytes(again.tflite()));
        assertArrayEquals(Files.readAllBytes(f32.onnx()), Files.readAllBytes(again.onnx()));
        assertEquals(f32.sidecar(), again.sidecar());
        assertArrayEquals(Files.readAllBytes(f32.sidecarFile()), Files.readAllBytes(again.sidecarFile()));
    }

    /**
     * The bytes are a function of the spec alone (StrictMath Gaussians, SplittableRandom, no timestamps), so they are
     * pinned: a change here must be deliberate, with Forge.FORMAT bumped.
     */
    @Test
    void tinyPair_bytesArePinned() {
        assertEquals(1, Forge.FORMAT);
        assertEquals(
                "b87f21a1f3a73ab164784784a6c9a13327cf2d8efb7fa2855fed9714bbd56b8c",
                f32.sidecar().tflite().sha256());
        assertEquals(
                "01f70009abd9d904a07e70fc583002c4afcedebcbff15c5acd034093eb577271",
                f32.sidecar().onnx().sha256());
        assertEquals(
                "15fb5ad9c405547b5eb53c01b34ee20d0856322eca68eeb5d36923bc3b9653b3",
                int8.sidecar().tflite().sha256());
        assertEquals(
                "21932b0d1586f3871087320155702bae15c9b07c0386c9e8680922402a2ec68a",
                int8.sidecar().onnx().sha256());
    }

    @Test
    void softmaxOutputs_areNeitherFlatNorOneHot() {
        Network net = Forge.network(ForgeSpec.tiny());
        float[] p = ReferenceExecutor.run(
                net, ReferenceExecutor.seededInput(net.inputSpec().shape(), 7));
        float max = p[argmax(p)];
        assertTrue(max > 1.5f / p.length && max < 0.99f, "max probability " + max);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}

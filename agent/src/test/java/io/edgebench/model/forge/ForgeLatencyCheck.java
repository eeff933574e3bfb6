package io.edgebench.model.forge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a unit test: a test-scope main that forges MobileNet-v2 1.0/224 int8 and times it against the real
 * mobilenet_v2_1.0_224_quant.tflite on TFLite XNNPACK, interleaved (A, B, A, B...) so machine noise hits both.
 * Run: java -cp target/classes:target/test-classes:CLASSPATH io.edgebench.model.forge.ForgeLatencyCheck
 * [REAL_MODEL] [RUNS] [THREADS]; REAL_MODEL defaults to ../shared/models/mobilenet_v2_1.0_224_quant.tflite.
 */
public final class ForgeLatencyCheck {
    private ForgeLatencyCheck() {}

    public static void main(String[] args) throws Exception {
        Path real = Path.of(args.length > 0 ? args[0] : "../shared/models/mobilenet_v2_1.0_224_quant.tflite");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (!Files.exists(real)) {
            throw new IllegalArgumentException("real model [" + real + "] not found; pass its path as argument 1");
        }
        Path dir = Files.createTempDirectory("forge-latency");
        long t0 = System.nanoTime();
        ForgeSpec spec = ForgeSpec.of(Arch.MOBILENET_V2, 1.0, 224, 1001, ForgeSpec.Quantize.INT8, 1);
        Forge.Result forged = Forge.forge(spec, dir);
        System.out.printf(
                Locale.ROOT,
                "forged %s in %.1f s: %d TFLite ops, %.1f M MACs, %d bytes%n",
                forged.sidecar().name(),
                (System.nanoTime() - t0) / 1e9,
                forged.sidecar().tfliteOpTotal(),
                forged.sidecar().macs() / 1e6,
                forged.sidecar().tflite().sizeBytes());
        float[] input = ReferenceExecutor.seededInput(new int[] {1, 224, 224, 3}, 1);
        try (ForgedSession a = ForgedSession.tflite(forged.tflite(), true, threads);
                ForgedSession b = ForgedSession.tflite(real, true, threads)) {
            for (int i = 0; i < 10; i++) {
                a.run(input);
                b.run(input);
            }
            long[] ta = new long[runs];
            long[] tb = new long[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                a.run(input);
                ta[i] = System.nanoTime() - s;
                s = System.nanoTime();
                b.run(input);
                tb[i] = System.nanoTime() - s;
            }
            double ma = median(ta) / 1e6;
            double mb = median(tb) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "XNNPACK, %d thread(s), %d interleaved runs: forged median %.2f ms, real median %.2f ms,"
                            + " ratio forged/real %.3f%n",
                    threads,
                    runs,
                    ma,
                    mb,
                    ma / mb);
        }
        agreement(spec, dir);
    }

    /** Top-1 agreement of the int8 pair with its float parent, and float TFLite vs ONNX, on 100 seeded inputs. */
    private static void agreement(ForgeSpec int8Spec, Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(int8Spec.withQuantize(ForgeSpec.Quantize.NONE), dir);
        Path int8Tflite = dir.resolve(int8Spec.name() + ".tflite");
        Path int8Onnx = dir.resolve(int8Spec.name() + ".onnx");
        int r = int8Spec.resolution();
        int tflSame = 0;
        int onnxSame = 0;
        int floatSame = 0;
        double maxAbs = 0;
        int inputs = 100;
        try (ForgedSession tf = ForgedSession.tflite(f32.tflite(), true, 1);
                ForgedSession of = ForgedSession.onnx(f32.onnx());
                ForgedSession tq = ForgedSession.tflite(int8Tflite, true, 1);
                ForgedSession oq = ForgedSession.onnx(int8Onnx)) {
            for (int seed = 1; seed <= inputs; seed++) {
                float[] x = ReferenceExecutor.seededInput(new int[] {1, r, r, 3}, seed);
                float[] xt = ReferenceExecutor.nhwcToNchw(x, r, r, 3);
                float[] a = tf.run(x);
                float[] b = of.run(xt);
                maxAbs = Math.max(maxAbs, ForgeTinyTest.maxAbsDiff(a, b));
                int top = ForgeTinyTest.argmax(a);
                floatSame += ForgeTinyTest.argmax(b) == top ? 1 : 0;
                tflSame += ForgeTinyTest.argmax(tq.run(x)) == top ? 1 : 0;
                onnxSame += ForgeTinyTest.argmax(oq.run(xt)) == top ? 1 : 0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "float TFLite vs ONNX: max abs %.2e, top-1 %d/%d; int8 vs float top-1: TFLite %d/%d,"
                        + " ONNX QDQ %d/%d%n",
                maxAbs,
                floatSame,
                inputs,
                tflSame,
                inputs,
                onnxSame,
                inputs);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}

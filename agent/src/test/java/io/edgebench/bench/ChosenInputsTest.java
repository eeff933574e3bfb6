package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgebench.inputs.TestFiles;
import io.edgebench.model.Quantization;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.model.forge.Uint8InputModel;
import io.edgebench.results.BenchParams;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.onnx.OnnxRuntime;
import io.edgebench.runtime.tflite.TfliteRuntime;
import io.edgebench.testkit.CliInputs;
import io.edgebench.testkit.SharedModels;
import io.edgebench.worker.Measurement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image and a .npy holding the same values give the same input tensor: the model's outputs from both are
 * bit-identical, for an NHWC .tflite, an NCHW .onnx, an int8-quantized .tflite and (when ../shared/models is there)
 * the uint8-quantized MobileNet.
 */
class ChosenInputsTest {
    @TempDir
    Path dir;

    private static float[] outputsWith(ModelSession s, BenchParams p) {
        Measurement.fillInputs(s, p, 1);
        s.run();
        return s.output(0);
    }

    private static BenchParams with(Path model, String input, String scale) {
        return BenchParams.defaults(model)
                .withInputs(CliInputs.plan(
                        List.of(input), List.of(), List.of(), scale == null ? List.of() : List.of(scale)));
    }

    @Test
    void imageAndNpy_giveTheSameTensor_nhwcTfliteAndNchwOnnx() throws Exception {
        Forge.Result f = Forge.forge(ForgeSpec.tiny(), dir);
        Path png = TestFiles.png(dir.resolve("pic.png"), 32, 32, 4);
        Path nhwc = TestFiles.npy(
                dir.resolve("nhwc.npy"),
                "<f4",
                List.of(1L, 32L, 32L, 3L),
                TestFiles.floats(TestFiles.pattern(32, 32, 4, false, 127.5, 127.5)));
        Path nchw = TestFiles.npy(
                dir.resolve("nchw.npy"),
                "<f4",
                List.of(1L, 3L, 32L, 32L),
                TestFiles.floats(TestFiles.pattern(32, 32, 4, true, 127.5, 127.5)));
        try (ModelSession t =
                        new TfliteRuntime().open(f.tflite(), SessionOptions.of(RuntimeKind.TFLITE, Delegate.CPU, 1));
                ModelSession o =
                        new OnnxRuntime().open(f.onnx(), SessionOptions.of(RuntimeKind.ONNX, Delegate.CPU, 1))) {
            assertArrayEquals(
                    outputsWith(t, with(f.tflite(), nhwc.toString(), null)),
                    outputsWith(t, with(f.tflite(), png.toString(), null)));
            assertArrayEquals(
                    outputsWith(o, with(f.onnx(), nchw.toString(), null)),
                    outputsWith(o, with(f.onnx(), png.toString(), null)));
        }
    }

    @Test
    void imageAndNpy_giveTheSameTensor_int8Quantized() throws Exception {
        Forge.Result f = Forge.forge(ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8), dir);
        Path png = TestFiles.png(dir.resolve("pic.png"), 32, 32, 5);
        try (ModelSession t =
                new TfliteRuntime().open(f.tflite(), SessionOptions.of(RuntimeKind.TFLITE, Delegate.CPU, 1))) {
            Quantization q = t.inputs().get(0).quantization();
            // the quantized bytes computed here from TFLite's formula q = round(real / scale) + zero_point
            float[] real = TestFiles.pattern(32, 32, 5, false, 127.5, 127.5);
            byte[] bytes = new byte[real.length];
            for (int i = 0; i < real.length; i++) {
                bytes[i] = (byte) Math.max(-128, Math.min(127, Math.round(real[i] / q.scale()) + q.zeroPoint()));
            }
            Path npy = TestFiles.npy(dir.resolve("q.npy"), "|i1", List.of(1L, 32L, 32L, 3L), bytes);
            assertArrayEquals(
                    outputsWith(t, with(f.tflite(), npy.toString(), null)),
                    outputsWith(t, with(f.tflite(), png.toString(), null)));
            // the check can fail: another picture changes the quantized outputs
            Path other = TestFiles.png(dir.resolve("other.png"), 32, 32, 9);
            assertFalse(java.util.Arrays.equals(
                    outputsWith(t, with(f.tflite(), npy.toString(), null)),
                    outputsWith(t, with(f.tflite(), other.toString(), null))));
        }
    }

    @Test
    void imageAndNpy_giveTheSameTensor_uint8Quantized_withoutSharedModels() throws Exception {
        Path model = Uint8InputModel.write(dir.resolve("u8.tflite"), 16, 16);
        Path png = TestFiles.png(dir.resolve("pic.png"), 16, 16, 7);
        byte[] pixels = new byte[16 * 16 * 3];
        float[] raw = TestFiles.pattern(16, 16, 7, false, 0, 1);
        for (int i = 0; i < raw.length; i++) {
            pixels[i] = (byte) raw[i];
        }
        Path npy = TestFiles.npy(dir.resolve("u8.npy"), "|u1", List.of(1L, 16L, 16L, 3L), pixels);
        try (ModelSession t = new TfliteRuntime().open(model, SessionOptions.of(RuntimeKind.TFLITE, Delegate.CPU, 1))) {
            float[] fromNpy = outputsWith(t, with(model, npy.toString(), null));
            // the model dequantizes its input: the output is the input tensor, (q - 128) / 128
            assertArrayEquals(TestFiles.pattern(16, 16, 7, false, 128, 128), fromNpy, 0f);
            // --input-scale zero_point,1/scale maps pixel p to exactly the quantized byte p
            assertArrayEquals(fromNpy, outputsWith(t, with(model, png.toString(), "128,128")));
            float[] defaultScale = outputsWith(t, with(model, png.toString(), null));
            float[] expected = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                // default [-1, 1] scaling, then TFLite's quantization q = round(real * 128) + 128, clamped
                long q = Math.max(0, Math.min(255, Math.round((raw[i] - 127.5) / 127.5 * 128) + 128));
                expected[i] = (q - 128) / 128f;
            }
            assertArrayEquals(expected, defaultScale, 0f);
        }
    }

    @Test
    void imageAndNpy_giveTheSameTensor_uint8MobileNet() throws Exception {
        Path model = SharedModels.require("mobilenet_v1_0.25_128_quant.tflite");
        Path png = TestFiles.png(dir.resolve("pic.png"), 128, 128, 6);
        try (ModelSession t = new TfliteRuntime().open(model, SessionOptions.of(RuntimeKind.TFLITE, Delegate.CPU, 1))) {
            Quantization q = t.inputs().get(0).quantization();
            assertEquals(128, q.zeroPoint());
            // --input-scale zero_point,1/scale maps pixel p to exactly the quantized byte p
            byte[] pixels = new byte[128 * 128 * 3];
            float[] raw = TestFiles.pattern(128, 128, 6, false, 0, 1);
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (byte) raw[i];
            }
            Path npy = TestFiles.npy(dir.resolve("u8.npy"), "|u1", List.of(1L, 128L, 128L, 3L), pixels);
            String scale = q.zeroPoint() + "," + (1 / q.scale());
            assertArrayEquals(
                    outputsWith(t, with(model, npy.toString(), null)),
                    outputsWith(t, with(model, png.toString(), scale)));
            assertFalse(
                    java.util.Arrays.equals(
                            outputsWith(t, with(model, npy.toString(), null)),
                            outputsWith(t, with(model, png.toString(), null))),
                    "the default scale differs slightly");
        }
    }
}

package io.edgebench.model.forge;

import io.edgebench.json.Json;
import io.edgebench.model.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forges a TFLite/ONNX pair of the same network with the same weights, plus its JSON sidecar. Everything is a
 * function of the {@link ForgeSpec}: the same spec writes the same bytes on any machine.
 */
public final class Forge {
    /** Bumped whenever the bytes a spec produces change; written into both files and the sidecar. */
    public static final int FORMAT = 1;
    /** Logits are scaled to this standard deviation across classes so softmax is neither flat nor one-hot. */
    static final double LOGIT_STD = 2.0;

    /** What a forge run wrote. */
    public record Result(Path tflite, Path onnx, Path sidecarFile, ForgeSidecar sidecar) {}

    private Forge() {}

    /** The float network a spec describes (the int8 pair quantizes this one). */
    public static Network network(ForgeSpec spec) {
        Network raw = Architectures.build(spec);
        Layer.Dense dense = null;
        for (Layer l : raw.layers()) {
            if (l instanceof Layer.Dense d) {
                dense = d;
            }
        }
        if (dense == null) {
            return raw; // a spatial head (seg): no logits to scale
        }
        float[] input = ReferenceExecutor.seededInput(raw.inputSpec().shape(), QuantPlan.CALIBRATION_SEED_BASE);
        float[] logits = ReferenceExecutor.runAll(raw, input)[dense.output()];
        double factor = LOGIT_STD / Math.max(std(logits), 1e-6);
        List<Layer> layers = new ArrayList<>(raw.layers());
        layers.set(
                layers.indexOf(dense),
                new Layer.Dense(
                        dense.name(),
                        dense.input(),
                        dense.output(),
                        dense.inFeatures(),
                        dense.outFeatures(),
                        scaled(dense.weights(), factor),
                        scaled(dense.bias(), factor)));
        return new Network(spec.name(), raw.tensors(), layers, raw.input(), raw.output());
    }

    /** Writes NAME.tflite, NAME.onnx and NAME.json into {@code outDir} (created if missing). */
    public static Result forge(ForgeSpec spec, Path outDir) throws IOException {
        return forge(spec, outDir, OnnxOutput.FLOAT32);
    }

    /** As above; an int8 spec's ONNX model ends in int8 codes (QuantizeLinear, no DequantizeLinear) with INT8. */
    public static Result forge(ForgeSpec spec, Path outDir, OnnxOutput onnxOutput) throws IOException {
        Network net = network(spec);
        QuantPlan plan = null;
        if (spec.quantize() == ForgeSpec.Quantize.INT8) {
            plan = QuantPlan.calibrate(net, net.macs() < 50_000_000L ? 16 : 4);
        }
        String description = "edgebench-forge format " + FORMAT + ": " + command(spec);
        TfliteWriter.Result tfl = TfliteWriter.write(net, plan, description);
        OnnxWriter.Result onnx = OnnxWriter.write(net, plan, onnxOutput, description, Integer.toString(FORMAT));
        Files.createDirectories(outDir);
        Path tflPath = outDir.resolve(spec.name() + ".tflite");
        Path onnxPath = outDir.resolve(spec.name() + ".onnx");
        Path jsonPath = outDir.resolve(spec.name() + ".json");
        Files.write(tflPath, tfl.bytes());
        Files.write(onnxPath, onnx.bytes());
        boolean int8Out = plan != null && onnxOutput == OnnxOutput.INT8;
        ForgeSidecar sidecar = sidecar(spec, net, plan, tfl, onnx, tflPath, onnxPath, int8Out);
        Json.pretty().writeValue(jsonPath.toFile(), sidecar);
        return new Result(tflPath, onnxPath, jsonPath, sidecar);
    }

    /** The command line that regenerates a spec's files into the current directory. */
    public static String command(ForgeSpec spec) {
        return String.format(
                Locale.ROOT,
                "edgebench forge --out . --arch %s --width-multiplier %s --resolution %d --classes %d --quantize %s"
                        + " --seed %d",
                spec.arch().id(),
                spec.formatMultiplier(),
                spec.resolution(),
                spec.classes(),
                spec.quantize().id(),
                spec.seed());
    }

    private static ForgeSidecar sidecar(
            ForgeSpec spec,
            Network net,
            QuantPlan plan,
            TfliteWriter.Result tfl,
            OnnxWriter.Result onnx,
            Path tflPath,
            Path onnxPath,
            boolean int8Out) {
        int[] in = net.inputSpec().shape();
        int classes = net.outputSpec().channels();
        int[] out = net.outputSpec().shape();
        List<Integer> tflOut = out.length == 4 ? List.of(1, out[1], out[2], out[3]) : List.of(1, classes);
        List<Integer> onnxOut = out.length == 4 ? List.of(1, out[3], out[1], out[2]) : List.of(1, classes);
        boolean int8 = plan != null;
        String tflDtype = int8 ? "int8" : "float32";
        var tflIo = new ForgeSidecar.Io(
                tflPath.getFileName().toString(),
                tfl.bytes().length,
                sha256(tfl.bytes()),
                "NHWC",
                "input",
                List.of(1, in[1], in[2], in[3]),
                tflDtype,
                "output",
                tflOut,
                tflDtype);
        var onnxIo = new ForgeSidecar.Io(
                onnxPath.getFileName().toString(),
                onnx.bytes().length,
                sha256(onnx.bytes()),
                "NCHW",
                "input",
                List.of(1, in[3], in[1], in[2]),
                "float32",
                "output",
                onnxOut,
                int8Out ? "int8" : "float32");
        String quantization = int8
                ? "post-training min/max calibration on seeded inputs; activations int8 per-tensor asymmetric; "
                        + "weights int8 symmetric, per-channel for conv and depthwise, per-tensor for fully connected;"
                        + " biases int32 at input_scale*weight_scale; TFLite: int8 input and output, no "
                        + "QUANTIZE/DEQUANTIZE ops; ONNX: QDQ (QuantizeLinear/DequantizeLinear) with the same "
                        + "weight integers and scales, activations as uint8 with zero point + 128 (the same real "
                        + "values; the U8S8 form ONNX Runtime fuses), float32 input and "
                        + (int8Out ? "int8 output (TFLite's scale and zero point)" : "output")
                : "none (float32)";
        return new ForgeSidecar(
                spec.name(),
                spec.arch().id(),
                spec.widthMultiplier(),
                spec.resolution(),
                spec.classes(),
                spec.quantize().id(),
                spec.seed(),
                FORMAT,
                command(spec),
                "folded into conv weights and biases (random gamma, beta, mean, variance; epsilon 1e-3)",
                tflIo,
                onnxIo,
                "uniform [-1, 1]; TFLite NHWC, ONNX the same values transposed to NCHW",
                net.macs(),
                net.parameters(),
                new TreeMap<>(tfl.opCounts()),
                total(tfl.opCounts()),
                new TreeMap<>(onnx.opCounts()),
                total(onnx.opCounts()),
                quantization,
                int8 ? plan.samples() : null,
                int8 ? spec.withQuantize(ForgeSpec.Quantize.NONE).name() : null);
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / v.length);
    }

    private static float[] scaled(float[] v, double factor) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * factor);
        }
        return out;
    }
}

package io.edgebench.model.forge;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON written next to a forged pair ({@code NAME.json}): what the network is, how it was made, the exact
 * command that makes it again, and the sha256 of both files so a committed fixture can be checked.
 *
 * @param command the {@code edgebench forge} command line that regenerates both files byte for byte
 * @param macs multiply-accumulates of one inference
 * @param tfliteOps operator counts of the TFLite file by BuiltinOperator name
 * @param onnxOps node counts of the ONNX file by op type (Q/DQ nodes included for int8)
 */
public record ForgeSidecar(
        String name,
        String arch,
        double widthMultiplier,
        int resolution,
        int classes,
        String quantize,
        long seed,
        int forgeFormat,
        String command,
        String batchNorm,
        Io tflite,
        Io onnx,
        String inputValues,
        long macs,
        long parameters,
        Map<String, Integer> tfliteOps,
        int tfliteOpTotal,
        Map<String, Integer> onnxOps,
        int onnxNodeTotal,
        String quantization,
        Integer calibrationSamples,
        String floatParent) {

    /**
     * One file of the pair.
     *
     * @param layout NHWC (TFLite) or NCHW (ONNX)
     * @param inputShape shape of the single input in that file's layout
     * @param inputDtype float32 or int8
     */
    public record Io(
            String file,
            long sizeBytes,
            String sha256,
            String layout,
            String inputName,
            List<Integer> inputShape,
            String inputDtype,
            String outputName,
            List<Integer> outputShape,
            String outputDtype) {
        public Io {
            inputShape = List.copyOf(inputShape);
            outputShape = List.copyOf(outputShape);
        }
    }

    public ForgeSidecar {
        // sorted, so the JSON is the same bytes on every run (Map.copyOf iterates in a per-JVM random order)
        tfliteOps = Collections.unmodifiableMap(new TreeMap<>(tfliteOps));
        onnxOps = Collections.unmodifiableMap(new TreeMap<>(onnxOps));
    }
}

package io.edgebench.cli;

import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSidecar;
import io.edgebench.model.forge.ForgeSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgebench forge}: writes the same network with the same weights as TFLite and ONNX, plus a sidecar. */
@Command(
        name = "forge",
        mixinStandardHelpOptions = true,
        description = {
            "Writes NAME.tflite and NAME.onnx with identical, seeded weights, and NAME.json describing them.",
            "TFLite is NHWC, ONNX NCHW. No download, no converter: edgebench writes both formats itself."
        })
public final class ForgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(
            names = "--arch",
            defaultValue = "tiny",
            paramLabel = "ARCH",
            description = "tiny, mobilenet-v1, mobilenet-v2 or seg (spatial output: NHWC in .tflite, NCHW in .onnx) "
                    + "(default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(
            names = "--width-multiplier",
            defaultValue = "1.0",
            paramLabel = "F",
            description = "Channel multiplier (MobileNet alpha), 0.1..4 (default: ${DEFAULT-VALUE}).")
    double widthMultiplier;

    @Option(
            names = "--resolution",
            paramLabel = "N",
            description = "Input height and width in pixels (default: 32 for tiny, 224 for MobileNets).")
    Integer resolution;

    @Option(
            names = "--classes",
            paramLabel = "N",
            description = "Classifier outputs (default: 10 for tiny, 1001 for MobileNets, like the real ones).")
    Integer classes;

    @Option(
            names = "--quantize",
            defaultValue = "none",
            paramLabel = "MODE",
            description = "none (float32) or int8 (full-integer TFLite, QDQ ONNX) (default: ${DEFAULT-VALUE}).")
    String quantize;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "Weight seed; the same seed writes the same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ForgeSpec forgeSpec = ForgeSpec.of(
                Arch.parse(arch), widthMultiplier, resolution, classes, ForgeSpec.Quantize.parse(quantize), seed);
        Forge.Result result = Forge.forge(forgeSpec, out);
        ForgeSidecar s = result.sidecar();
        PrintWriter w = spec.commandLine().getOut();
        w.printf(
                Locale.ROOT,
                "forged %s: %d TFLite ops, %.1f M MACs, %d parameters%n",
                s.name(),
                s.tfliteOpTotal(),
                s.macs() / 1e6,
                s.parameters());
        line(w, result.tflite(), s.tflite());
        line(w, result.onnx(), s.onnx());
        w.printf("  %s%n", result.sidecarFile());
        w.flush();
        return ExitCode.OK;
    }

    private static void line(PrintWriter w, Path file, ForgeSidecar.Io io) {
        w.printf(
                Locale.ROOT,
                "  %s  %d bytes  %s  input %s %s %s%n",
                file,
                io.sizeBytes(),
                io.sha256(),
                io.layout(),
                io.inputShape(),
                io.inputDtype());
    }
}

package io.edgebench.cli;

import io.edgebench.results.InputPlan;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The input and profiling flags bench and compare share (a picocli mixin). */
public final class InputOptions {
    @Option(names = "--input", paramLabel = "[NAME=]FILE",
            description = "Values for an input: .npy (dtype and shape checked), .bin (raw, dtype and shape from the "
                    + "model), an image (PNG/JPEG/BMP/GIF, resized, NHWC or NCHW as the tensor is) or a directory "
                    + "of them (one sample per file). Without NAME: the model's only input (repeatable).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--input-value", paramLabel = "NAME=V",
            description = "Fill an input with one value, e.g. sr=16000 (repeatable).")
    List<String> values = new ArrayList<>();

    @Option(names = "--input-range", paramLabel = "NAME=LO,HI",
            description = "Seeded uniform values in [LO, HI] (whole numbers for integer tensors) (repeatable).")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--input-scale", paramLabel = "[NAME=]MEAN,STD",
            description = "Image pixels p become (p - MEAN) / STD, then the tensor's type (quantized with its own "
                    + "parameters). Default: 127.5,127.5 ([-1, 1]); integer tensors without quantization: 0,1.")
    List<String> scales = new ArrayList<>();

    @Option(names = "--profile-ops",
            description = "After the timed loop, a separate profiled pass: time, share and count per operator and "
                    + "per op type (TFLite's profiler, ONNX Runtime's session profiling).")
    boolean profileOps;

    InputPlan plan() {
        return InputPlan.parse(inputs, values, ranges, scales);
    }
}

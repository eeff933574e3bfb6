package io.edgebench.model.forge;

import java.util.Locale;

/** The network families the forge can write, with their default resolution and class count. */
public enum Arch {
    /** A few layers of each op kind (conv, depthwise, inverted residual with add, classifier): tests' fixture. */
    TINY("tiny", 32, 10),
    /** MobileNet v1 (Howard et al. 2017): 13 depthwise-separable blocks. */
    MOBILENET_V1("mobilenet-v1", 224, 1001),
    /** MobileNet v2 (Sandler et al. 2018): 17 inverted residual blocks, 10 residual adds. */
    MOBILENET_V2("mobilenet-v2", 224, 1001),
    /**
     * A small segmentation-style network: the tiny backbone, then a 1x1 conv head giving per-pixel class scores at
     * 1/4 of the input resolution. Its output is spatial: [1,H/4,W/4,classes] in the .tflite (NHWC) and
     * [1,classes,H/4,W/4] in the .onnx (NCHW), so comparing the pair needs the layouts aligned.
     */
    SEG("seg", 32, 5);

    private final String id;
    private final int defaultResolution;
    private final int defaultClasses;

    Arch(String id, int defaultResolution, int defaultClasses) {
        this.id = id;
        this.defaultResolution = defaultResolution;
        this.defaultClasses = defaultClasses;
    }

    public String id() {
        return id;
    }

    public int defaultResolution() {
        return defaultResolution;
    }

    public int defaultClasses() {
        return defaultClasses;
    }

    public static Arch parse(String value) {
        for (Arch a : values()) {
            if (a.id.equalsIgnoreCase(value) || a.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return a;
            }
        }
        throw new IllegalArgumentException("arch [" + value + "] must be one of tiny, mobilenet-v1, mobilenet-v2, seg");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}

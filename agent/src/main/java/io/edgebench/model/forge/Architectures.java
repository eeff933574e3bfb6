package io.edgebench.model.forge;

/** The layer sequences of each {@link Arch}, after the papers and TF-slim's reference implementations. */
final class Architectures {
    // MobileNet v2 bottlenecks: expansion t, output channels c, repeats n, first stride s (Sandler et al., table 2)
    private static final int[][] V2_BLOCKS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}
    };
    // MobileNet v1 depthwise-separable blocks: pointwise output channels, depthwise stride
    private static final int[][] V1_BLOCKS = {
        {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1},
        {1024, 2}, {1024, 1}
    };

    private Architectures() {}

    static Network build(ForgeSpec spec) {
        NetworkBuilder b = new NetworkBuilder(spec.seed(), spec.resolution());
        switch (spec.arch()) {
            case TINY -> tiny(b, spec.widthMultiplier());
            case MOBILENET_V1 -> mobilenetV1(b, spec.widthMultiplier());
            case MOBILENET_V2 -> mobilenetV2(b, spec.widthMultiplier());
            case SEG -> tiny(b, spec.widthMultiplier());
            default -> throw new IllegalStateException("unknown arch " + spec.arch());
        }
        if (spec.arch() == Arch.SEG) {
            // per-pixel class scores, linear (no ReLU6), named "output" like the classifier's softmax
            b.conv("output", spec.classes(), 1, 1, false);
            return b.build(spec.name());
        }
        b.classifier(spec.classes());
        return b.build(spec.name());
    }

    private static void tiny(NetworkBuilder b, double alpha) {
        b.conv("conv0", divisible(8 * alpha), 3, 2, true);
        b.depthwise("block1_dw", 3, 1, true);
        b.conv("block1_pw", divisible(16 * alpha), 1, 1, true);
        invertedResidual(b, "block2", 2, divisible(16 * alpha), 2);
        invertedResidual(b, "block3", 2, divisible(16 * alpha), 1);
    }

    private static void mobilenetV1(NetworkBuilder b, double alpha) {
        b.conv("conv0", v1Depth(32, alpha), 3, 2, true);
        for (int i = 0; i < V1_BLOCKS.length; i++) {
            b.depthwise("block" + (i + 1) + "_dw", 3, V1_BLOCKS[i][1], true);
            b.conv("block" + (i + 1) + "_pw", v1Depth(V1_BLOCKS[i][0], alpha), 1, 1, true);
        }
    }

    private static void mobilenetV2(NetworkBuilder b, double alpha) {
        b.conv("conv0", divisible(32 * alpha), 3, 2, true);
        int block = 0;
        for (int[] stage : V2_BLOCKS) {
            int out = divisible(stage[1] * alpha);
            for (int i = 0; i < stage[2]; i++) {
                invertedResidual(b, "block" + (++block), stage[0], out, i == 0 ? stage[3] : 1);
            }
        }
        // the last 1x1 conv keeps 1280 channels below width 1.0 (TF-slim's choice)
        b.conv("conv_last", alpha > 1.0 ? divisible(1280 * alpha) : 1280, 1, 1, true);
    }

    /** Expand 1x1 (skipped for expansion 1), depthwise 3x3, linear project 1x1, add when shapes allow. */
    private static void invertedResidual(NetworkBuilder b, String name, int expansion, int out, int stride) {
        int shortcut = b.current();
        int in = b.channels();
        if (expansion != 1) {
            b.conv(name + "_expand", divisible(in * (double) expansion), 1, 1, true);
        }
        b.depthwise(name + "_dw", 3, stride, true);
        b.conv(name + "_project", out, 1, 1, false);
        if (stride == 1 && in == out) {
            b.add(name + "_add", shortcut);
        }
    }

    /** TF-slim's _make_divisible: nearest multiple of 8, at least 8, never more than 10% below the value. */
    static int divisible(double value) {
        int v = Math.max(8, (int) (value + 4) / 8 * 8);
        return v < 0.9 * value ? v + 8 : v;
    }

    private static int v1Depth(int channels, double alpha) {
        return Math.max(8, (int) (channels * alpha));
    }
}

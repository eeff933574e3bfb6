package io.edgebench.model.forge;

/** Weight reorderings from TFLite's layouts to ONNX's, and attribute messages (onnx.proto AttributeProto). */
final class OnnxLayouts {
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    private OnnxLayouts() {}

    /** perm[dst] = src index: OHWI ([o][kh][kw][i]) to OIHW ([o][i][kh][kw]), square kernels. */
    static int[] ohwiToOihw(int out, int k, int in) {
        int[] perm = new int[out * k * k * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        perm[((o * in + i) * k + y) * k + x] = ((o * k + y) * k + x) * in + i;
                    }
                }
            }
        }
        return perm;
    }

    /** perm[dst] = src index: depthwise [kh][kw][C] to [C][1][kh][kw]. */
    static int[] hwcToChw(int k, int channels) {
        int[] perm = new int[k * k * channels];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < k; y++) {
                for (int x = 0; x < k; x++) {
                    perm[(c * k + y) * k + x] = (y * k + x) * channels + c;
                }
            }
        }
        return perm;
    }

    static float[] permute(float[] src, int[] perm) {
        if (perm == null) {
            return src;
        }
        float[] dst = new float[src.length];
        for (int i = 0; i < dst.length; i++) {
            dst[i] = src[perm[i]];
        }
        return dst;
    }

    static byte[] permute(byte[] src, int[] perm) {
        if (perm == null) {
            return src;
        }
        byte[] dst = new byte[src.length];
        for (int i = 0; i < dst.length; i++) {
            dst[i] = src[perm[i]];
        }
        return dst;
    }

    static Proto attrInt(String name, long value) {
        return new Proto().string(1, name).int64(3, value).int64(20, ATTR_INT);
    }

    static Proto attrInts(String name, long... values) {
        Proto a = new Proto().string(1, name);
        for (long v : values) {
            a.int64(8, v);
        }
        return a.int64(20, ATTR_INTS);
    }
}

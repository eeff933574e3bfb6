package io.edgebench.worker;

import io.edgebench.model.DType;
import io.edgebench.model.Quantization;
import io.edgebench.model.TensorInfo;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random input values (real values, as {@code ModelSession.setInput} takes them), the same for a given seed,
 * input index and shape on every machine and runtime.
 *
 * <ul>
 *   <li>float32/float16: uniform in [-1, 1];
 *   <li>quantized integer tensors: uniform over the real range the integer type can represent,
 *       scale * (qmin - zero_point) .. scale * (qmax - zero_point);
 *   <li>other integers: whole numbers in [0, 255] (uint8), [-128, 127] (int8), [0, 255] for wider types (token ids
 *       and indices stay small and valid); bool: 0 or 1.
 * </ul>
 * A 4-D input is generated in NHWC logical order and transposed when the tensor looks NCHW
 * ({@code dims[1] <= 4 < dims[3]}), so a TFLite (NHWC) and an ONNX (NCHW) export of one network see the same image.
 */
public final class InputGenerator {
    private final long seed;

    public InputGenerator(long seed) {
        this.seed = seed;
    }

    /** Values for input {@code index} with the concrete {@code shape} (no dynamic dims). */
    public float[] values(int index, TensorInfo info, List<Long> shape) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "shape " + shape + " of input [" + info.name() + "] is not concrete");
            }
            count *= d;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("input [" + info.name() + "] has " + count + " elements; at most "
                    + (Integer.MAX_VALUE - 8) + " fit a Java array");
        }
        // Each input gets its own stream so adding an input does not change the others' values.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Range range = range(info);
        float[] nhwc = new float[(int) count];
        for (int i = 0; i < nhwc.length; i++) {
            nhwc[i] = range.draw(random);
        }
        return looksNchw(shape) ? nhwcToNchw(nhwc, shape) : nhwc;
    }

    /** True for 4-D shapes whose dim 1 looks like channels and dim 3 like width. */
    public static boolean looksNchw(List<Long> shape) {
        return shape.size() == 4 && shape.get(1) <= 4 && shape.get(3) > 4;
    }

    /** Transposes values laid out as [N, H, W, C] (C = shape[1], H = shape[2], W = shape[3]) to [N, C, H, W]. */
    static float[] nhwcToNchw(float[] nhwc, List<Long> nchwShape) {
        int n = nchwShape.get(0).intValue();
        int c = nchwShape.get(1).intValue();
        int h = nchwShape.get(2).intValue();
        int w = nchwShape.get(3).intValue();
        float[] out = new float[nhwc.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[((b * c + ch) * h + y) * w + x] = nhwc[((b * h + y) * w + x) * c + ch];
                    }
                }
            }
        }
        return out;
    }

    static Range range(TensorInfo info) {
        DType t = info.dtype();
        Quantization q = info.quantization();
        if (t == DType.FLOAT32 || t == DType.FLOAT16) {
            return new Range(-1, 1, false);
        }
        long[] limits = intLimits(t);
        if (q != null && limits != null) {
            return new Range(q.scale() * (limits[0] - q.zeroPoint()), q.scale() * (limits[1] - q.zeroPoint()), false);
        }
        return switch (t) {
            case INT8 -> new Range(-128, 127, true);
            case BOOL -> new Range(0, 1, true);
            case UINT8, INT16, INT32, INT64 -> new Range(0, 255, true);
            default ->
                throw new IllegalArgumentException("input [" + info.name() + "] has dtype [" + t.id()
                        + "]; random inputs exist for float32, float16, int8, uint8, int16, int32, int64, bool");
        };
    }

    private static long[] intLimits(DType t) {
        return switch (t) {
            case INT8 -> new long[] {-128, 127};
            case UINT8 -> new long[] {0, 255};
            case INT16 -> new long[] {-32768, 32767};
            case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> null;
        };
    }

    /** Uniform over [low, high]; whole numbers only when {@code integral}. */
    record Range(double low, double high, boolean integral) {
        float draw(SplittableRandom random) {
            if (integral) {
                return random.nextLong((long) low, (long) high + 1);
            }
            return (float) (low + random.nextDouble() * (high - low));
        }
    }
}

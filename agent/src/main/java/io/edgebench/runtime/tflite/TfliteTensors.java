package io.edgebench.runtime.tflite;

import io.edgebench.model.DType;
import io.edgebench.model.Quantization;
import io.edgebench.model.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteQuantizationParams;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/** Reads TFLite tensor metadata and copies real values in and out of tensor memory in bulk (no per-element JNI). */
final class TfliteTensors {
    private TfliteTensors() {}

    /** TfLiteType (c_api_types.h) to our DType. */
    static DType dtype(int tfLiteType) {
        return switch (tfLiteType) {
            case 1 -> DType.FLOAT32;
            case 2 -> DType.INT32;
            case 3 -> DType.UINT8;
            case 4 -> DType.INT64;
            case 5 -> DType.STRING;
            case 6 -> DType.BOOL;
            case 7 -> DType.INT16;
            case 9 -> DType.INT8;
            case 10 -> DType.FLOAT16;
            default -> DType.OTHER;
        };
    }

    /** The tensor as it is now: after AllocateTensors every dim is concrete (dynamic ones were resized). */
    static TensorInfo info(TfLiteTensor tensor) {
        BytePointer rawName = tensor.name();
        String name = rawName == null || rawName.isNull() ? "" : rawName.getString();
        return new TensorInfo(name, dtype(tensor.type()), dims(tensor.dims()), null, quantization(tensor));
    }

    /** The model's declared dims: shape_signature where present (-1 = dynamic), else dims. */
    static List<Long> declaredDims(TfLiteTensor tensor) {
        TfLiteIntArray signature = tensor.dims_signature();
        List<Long> dims = dims(tensor.dims());
        if (signature != null && !signature.isNull() && signature.size() == dims.size()) {
            return dims(signature);
        }
        return dims;
    }

    static List<Long> dims(TfLiteIntArray array) {
        List<Long> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        int n = array.size();
        for (int i = 0; i < n; i++) {
            out.add((long) array.data(i));
        }
        return out;
    }

    static Quantization quantization(TfLiteTensor tensor) {
        TfLiteQuantizationParams params = tensor.params();
        if (params == null || params.isNull() || !(params.scale() > 0)) {
            return null;
        }
        return new Quantization(params.scale(), params.zero_point());
    }

    /** The tensor's memory as a native-order direct buffer; empty when TFLite has not allocated it. */
    static ByteBuffer buffer(TfLiteTensor tensor) {
        BytePointer raw = tensor.data().raw();
        long bytes = tensor.bytes();
        if (raw == null || raw.isNull() || bytes <= 0) {
            return ByteBuffer.allocateDirect(0);
        }
        return raw.capacity(bytes).limit(bytes).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /** Writes real values as the tensor's type: quantized where it has a scale, rounded and clamped for integers. */
    static void write(ByteBuffer target, DType dtype, Quantization q, float[] real) {
        double scale = q == null ? 1.0 : q.scale();
        long zero = q == null ? 0 : q.zeroPoint();
        switch (dtype) {
            case FLOAT32 -> target.asFloatBuffer().put(real);
            case FLOAT16 -> {
                short[] halves = new short[real.length];
                for (int i = 0; i < real.length; i++) {
                    halves[i] = Half.fromFloat(real[i]);
                }
                target.asShortBuffer().put(halves);
            }
            case UINT8, INT8, BOOL -> {
                byte[] bytes = new byte[real.length];
                long min = dtype == DType.UINT8 ? 0 : dtype == DType.INT8 ? -128 : 0;
                long max = dtype == DType.UINT8 ? 255 : dtype == DType.INT8 ? 127 : 1;
                for (int i = 0; i < real.length; i++) {
                    bytes[i] = (byte) clamp(Math.round(real[i] / scale) + zero, min, max);
                }
                target.put(bytes);
            }
            case INT16 -> {
                short[] shorts = new short[real.length];
                for (int i = 0; i < real.length; i++) {
                    shorts[i] = (short) clamp(Math.round(real[i] / scale) + zero, Short.MIN_VALUE, Short.MAX_VALUE);
                }
                target.asShortBuffer().put(shorts);
            }
            case INT32 -> {
                int[] ints = new int[real.length];
                for (int i = 0; i < real.length; i++) {
                    ints[i] = (int) clamp(Math.round(real[i] / scale) + zero, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
                target.asIntBuffer().put(ints);
            }
            case INT64 -> {
                long[] longs = new long[real.length];
                for (int i = 0; i < real.length; i++) {
                    longs[i] = Math.round((double) real[i] / scale) + zero;
                }
                target.asLongBuffer().put(longs);
            }
            default -> throw new IllegalArgumentException("dtype [" + dtype.id() + "] cannot be set from real values");
        }
    }

    /** Reads the tensor as real values, dequantized where it has a scale. */
    static float[] read(ByteBuffer source, DType dtype, Quantization q) {
        double scale = q == null ? 1.0 : q.scale();
        long zero = q == null ? 0 : q.zeroPoint();
        int n = dtype.sizeBytes() == 0 ? 0 : source.remaining() / dtype.sizeBytes();
        float[] out = new float[n];
        switch (dtype) {
            case FLOAT32 -> source.asFloatBuffer().get(out);
            case FLOAT16 -> {
                short[] halves = new short[n];
                source.asShortBuffer().get(halves);
                for (int i = 0; i < n; i++) {
                    out[i] = Half.toFloat(halves[i]);
                }
            }
            case UINT8, INT8, BOOL -> {
                byte[] bytes = new byte[n];
                source.get(bytes);
                for (int i = 0; i < n; i++) {
                    long v = dtype == DType.INT8 ? bytes[i] : bytes[i] & 0xff;
                    out[i] = (float) (scale * (v - zero));
                }
            }
            case INT16 -> {
                short[] shorts = new short[n];
                source.asShortBuffer().get(shorts);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (scale * (shorts[i] - zero));
                }
            }
            case INT32 -> {
                int[] ints = new int[n];
                source.asIntBuffer().get(ints);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (scale * (ints[i] - zero));
                }
            }
            case INT64 -> {
                long[] longs = new long[n];
                source.asLongBuffer().get(longs);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (scale * (longs[i] - zero));
                }
            }
            default -> throw new IllegalArgumentException("dtype [" + dtype.id() + "] cannot be read as real values");
        }
        return out;
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    /** IEEE 754 binary16 conversion (Java 17 has no Float.floatToFloat16). Round to nearest even. */
    static final class Half {
        private Half() {}

        static short fromFloat(float value) {
            int bits = Float.floatToRawIntBits(value);
            int sign = (bits >>> 16) & 0x8000;
            int exp = (bits >>> 23) & 0xff;
            int mant = bits & 0x7fffff;
            if (exp == 0xff) {
                return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
            }
            int e = exp - 127 + 15;
            if (e >= 0x1f) {
                return (short) (sign | 0x7c00);
            }
            if (e <= 0) {
                if (e < -10) {
                    return (short) sign;
                }
                mant |= 0x800000;
                int shift = 14 - e;
                int half = mant >> shift;
                int rest = mant & ((1 << shift) - 1);
                int mid = 1 << (shift - 1);
                if (rest > mid || (rest == mid && (half & 1) == 1)) {
                    half++;
                }
                return (short) (sign | half);
            }
            int half = (e << 10) | (mant >> 13);
            int rest = mant & 0x1fff;
            if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }

        static float toFloat(short value) {
            int h = value & 0xffff;
            int sign = (h & 0x8000) << 16;
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            if (exp == 0) {
                return (sign != 0 ? -1 : 1) * mant * 0x1p-24f;
            }
            if (exp == 0x1f) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
        }
    }
}

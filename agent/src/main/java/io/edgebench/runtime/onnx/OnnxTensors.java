package io.edgebench.runtime.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import io.edgebench.model.DType;
import io.edgebench.model.ModelLoadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Conversions between edgebench's float values and ONNX Runtime tensors of each element type. */
final class OnnxTensors {
    private OnnxTensors() {}

    /**
     * One preallocated input: a direct buffer that backs the tensor without a copy, so setInput writes into memory
     * ONNX Runtime reads at run time and the timed loop allocates nothing.
     */
    record InputSlot(OnnxTensor tensor, ByteBuffer bytes, DType dtype, int elements) {}

    static DType dtype(ai.onnxruntime.TensorInfo info) {
        return switch (info.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DType.FLOAT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DType.FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> DType.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DType.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> DType.STRING;
            default -> DType.OTHER;
        };
    }

    static InputSlot allocate(OrtEnvironment env, String name, DType dtype, long[] shape) throws OrtException {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (dtype.sizeBytes() == 0 || count * dtype.sizeBytes() > Integer.MAX_VALUE) {
            throw new ModelLoadException("Input [" + name + "] of type " + dtype.id() + " and " + count
                    + " elements cannot be fed: supported are numeric and bool tensors under 2 GiB.");
        }
        ByteBuffer bytes =
                ByteBuffer.allocateDirect((int) count * dtype.sizeBytes()).order(ByteOrder.nativeOrder());
        OnnxTensor tensor = switch (dtype) {
            case FLOAT32 -> OnnxTensor.createTensor(env, bytes.asFloatBuffer(), shape);
            case FLOAT16 -> OnnxTensor.createTensor(env, bytes.asShortBuffer(), shape, OnnxJavaType.FLOAT16);
            case INT16 -> OnnxTensor.createTensor(env, bytes.asShortBuffer(), shape, OnnxJavaType.INT16);
            case INT32 -> OnnxTensor.createTensor(env, bytes.asIntBuffer(), shape);
            case INT64 -> OnnxTensor.createTensor(env, bytes.asLongBuffer(), shape);
            case INT8 -> OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.INT8);
            case UINT8 -> OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.UINT8);
            case BOOL -> OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.BOOL);
            default -> throw new IllegalStateException("unreachable: " + dtype);
        };
        return new InputSlot(tensor, bytes, dtype, (int) count);
    }

    /** Writes real values; integer types get round(v) clamped to the type's range (ONNX I/O has no quant params). */
    static void write(InputSlot slot, float[] v) {
        ByteBuffer b = slot.bytes();
        switch (slot.dtype()) {
            case FLOAT32 -> b.asFloatBuffer().put(v);
            case FLOAT16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (float f : v) {
                    s.put(Fp16Conversions.floatToFp16(f));
                }
            }
            case INT16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (float f : v) {
                    s.put((short) clamp(f, Short.MIN_VALUE, Short.MAX_VALUE));
                }
            }
            case INT32 -> {
                IntBuffer s = b.asIntBuffer();
                for (float f : v) {
                    s.put((int) clamp(f, Integer.MIN_VALUE, Integer.MAX_VALUE));
                }
            }
            case INT64 -> {
                LongBuffer s = b.asLongBuffer();
                for (float f : v) {
                    s.put(Math.round((double) f));
                }
            }
            case INT8 -> fillBytes(b, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8 -> fillBytes(b, v, 0, 255);
            case BOOL -> {
                for (int i = 0; i < v.length; i++) {
                    b.put(i, (byte) (v[i] != 0 ? 1 : 0));
                }
            }
            default -> throw new IllegalStateException("unreachable: " + slot.dtype());
        }
    }

    private static void fillBytes(ByteBuffer b, float[] v, long min, long max) {
        for (int i = 0; i < v.length; i++) {
            b.put(i, (byte) clamp(v[i], min, max));
        }
    }

    private static long clamp(float v, long min, long max) {
        long r = Math.round((double) v);
        return Math.max(min, Math.min(max, r));
    }

    /** An output as floats: float32 as is, float16 widened, integers and bools as their raw values. */
    static float[] toFloats(String name, OnnxTensor t) {
        ai.onnxruntime.TensorInfo info = t.getInfo();
        DType dtype = dtype(info);
        switch (dtype) {
            case FLOAT32, FLOAT16 -> {
                FloatBuffer f = t.getFloatBuffer();
                float[] out = new float[f.remaining()];
                f.get(out);
                return out;
            }
            case INT8, UINT8, BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                float[] out = new float[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = dtype == DType.UINT8 ? b.get() & 0xff : b.get();
                }
                return out;
            }
            case INT16 -> {
                ShortBuffer s = t.getShortBuffer();
                float[] out = new float[s.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = s.get();
                }
                return out;
            }
            case INT32 -> {
                IntBuffer s = t.getIntBuffer();
                float[] out = new float[s.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = s.get();
                }
                return out;
            }
            case INT64 -> {
                LongBuffer s = t.getLongBuffer();
                float[] out = new float[s.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = s.get();
                }
                return out;
            }
            default ->
                throw new IllegalStateException(
                        "Output [" + name + "] has type " + info.onnxType + ", which cannot be read as floats");
        }
    }
}

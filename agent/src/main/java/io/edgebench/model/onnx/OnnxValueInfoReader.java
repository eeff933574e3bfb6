package io.edgebench.model.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.edgebench.model.DType;
import io.edgebench.model.TensorInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a ValueInfoProto (name, TypeProto.Tensor elem_type and shape) into a TensorInfo. */
final class OnnxValueInfoReader {
    /** ONNX allows any rank; no real model comes near this, a corrupt one could claim millions of dims. */
    static final int MAX_RANK = 64;

    private OnnxValueInfoReader() {}

    private static final class Type {
        DType dtype = DType.OTHER;
        final List<Long> shape = new ArrayList<>();
        final List<String> dimNames = new ArrayList<>();
    }

    static TensorInfo read(CodedInputStream in) throws IOException {
        String name = "";
        Type type = new Type();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 10 -> name = in.readString(); // 1: name
                case 18 -> OnnxModelReader.nested(in, () -> readType(in, type)); // 2: type
                default -> in.skipField(tag);
            }
        }
        boolean anyNamed = type.dimNames.stream().anyMatch(n -> n != null);
        return new TensorInfo(name, type.dtype, type.shape, anyNamed ? type.dimNames : List.of(), null);
    }

    private static Void readType(CodedInputStream in, Type type) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 10) { // 1: tensor_type; sequences, maps and optionals stay OTHER with no shape
                OnnxModelReader.nested(in, () -> readTensorType(in, type));
            } else {
                in.skipField(tag);
            }
        }
        return null;
    }

    private static Void readTensorType(CodedInputStream in, Type type) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 8 -> type.dtype = dtype(in.readInt32()); // 1: elem_type
                case 18 -> OnnxModelReader.nested(in, () -> readShape(in, type)); // 2: shape
                default -> in.skipField(tag);
            }
        }
        return null;
    }

    private static Void readShape(CodedInputStream in, Type type) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 10) { // 1: dim
                if (type.shape.size() >= MAX_RANK) {
                    throw new InvalidProtocolBufferException("tensor rank above " + MAX_RANK);
                }
                OnnxModelReader.nested(in, () -> readDim(in, type));
            } else {
                in.skipField(tag);
            }
        }
        return null;
    }

    /** A dim is a value, a symbolic name (dim_param), or neither (unknown): the last two are dynamic, -1. */
    private static Void readDim(CodedInputStream in, Type type) throws IOException {
        long value = -1;
        String param = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 8 -> {
                    value = in.readInt64(); // 1: dim_value
                    // A dim_value is a real extent: negative is corrupt (dynamic dims use dim_param or nothing),
                    // and nothing runs with more than 2^31-1 elements along one axis.
                    if (value < 0 || value > Integer.MAX_VALUE) {
                        throw new com.google.protobuf.InvalidProtocolBufferException(
                                "a tensor dim_value is [" + value + "], expected 0.." + Integer.MAX_VALUE);
                    }
                }
                case 18 -> param = in.readString(); // 2: dim_param
                default -> in.skipField(tag);
            }
        }
        type.shape.add(param != null || value < 0 ? -1L : value);
        type.dimNames.add(param != null ? param : null);
        return null;
    }

    /** TensorProto.DataType numbers from onnx.proto. */
    static DType dtype(int elemType) {
        return switch (elemType) {
            case 1 -> DType.FLOAT32;
            case 2 -> DType.UINT8;
            case 3 -> DType.INT8;
            case 5 -> DType.INT16;
            case 6 -> DType.INT32;
            case 7 -> DType.INT64;
            case 8 -> DType.STRING;
            case 9 -> DType.BOOL;
            case 10 -> DType.FLOAT16;
            default -> DType.OTHER;
        };
    }
}

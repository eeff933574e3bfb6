package io.edgebench.runtime.tflite.edgetpu;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small TFLite flatbuffers whose graph is what edgetpu_compiler produces: one {@code edgetpu-custom-op} node
 * from a uint8 image input to a uint8 output, optionally followed by a CPU op (CAST to float32) as in partly
 * mapped models. Field slots follow TFLite's schema.fbs (Model, SubGraph, Tensor, Operator, OperatorCode, Buffer).
 */
public final class CustomOpModels {
    static final int CUSTOM = 32; // BuiltinOperator.CUSTOM
    static final int CAST = 53; // BuiltinOperator.CAST
    static final byte UINT8 = 3; // TensorType.UINT8
    static final byte FLOAT32 = 0; // TensorType.FLOAT32

    private CustomOpModels() {}

    /** Input [1,8,8,3] uint8 -> edgetpu-custom-op -> [1,10] uint8 (-> CAST -> [1,10] float32 when withCpuTail). */
    public static Path write(Path file, boolean withCpuTail) throws IOException {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int customCode = b.createString("edgetpu-custom-op");
        int opCustom = operatorCode(b, CUSTOM, customCode);
        int opCast = withCpuTail ? operatorCode(b, CAST, 0) : 0;

        int t0 = tensor(b, "input", new int[] {1, 8, 8, 3}, UINT8);
        int t1 = tensor(b, "edgetpu_out", new int[] {1, 10}, UINT8);
        int t2 = withCpuTail ? tensor(b, "cast_out", new int[] {1, 10}, FLOAT32) : 0;
        // the compiler stores the Edge TPU program in custom_options; any bytes do for the stand-in
        int options = b.createByteVector(new byte[] {1, 2, 3, 4});
        int custom = operator(b, 0, new int[] {0}, new int[] {1}, options);
        int cast = withCpuTail ? operator(b, 1, new int[] {1}, new int[] {2}, 0) : 0;

        int tensors = b.createVectorOfTables(withCpuTail ? new int[] {t0, t1, t2} : new int[] {t0, t1});
        int inputs = intVector(b, new int[] {0});
        int outputs = intVector(b, new int[] {withCpuTail ? 2 : 1});
        int operators = b.createVectorOfTables(withCpuTail ? new int[] {custom, cast} : new int[] {custom});
        int name = b.createString("main");
        b.startTable(5);
        b.addOffset(0, tensors, 0);
        b.addOffset(1, inputs, 0);
        b.addOffset(2, outputs, 0);
        b.addOffset(3, operators, 0);
        b.addOffset(4, name, 0);
        int subgraph = b.endTable();

        b.startTable(1);
        int emptyBuffer = b.endTable();
        int opcodes = b.createVectorOfTables(withCpuTail ? new int[] {opCustom, opCast} : new int[] {opCustom});
        int subgraphs = b.createVectorOfTables(new int[] {subgraph});
        int description = b.createString("edgebench test: forged Edge TPU model");
        int buffers = b.createVectorOfTables(new int[] {emptyBuffer});
        b.startTable(5);
        b.addInt(0, 3, 0);
        b.addOffset(1, opcodes, 0);
        b.addOffset(2, subgraphs, 0);
        b.addOffset(3, description, 0);
        b.addOffset(4, buffers, 0);
        b.finish(b.endTable(), "TFL3");
        ByteBuffer bytes = b.dataBuffer();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return Files.write(file, out);
    }

    private static int operatorCode(FlatBufferBuilder b, int builtin, int customCode) {
        b.startTable(4);
        b.addByte(0, (byte) builtin, 0);
        if (customCode != 0) {
            b.addOffset(1, customCode, 0);
        }
        b.addInt(2, 1, 0);
        b.addInt(3, builtin, 0);
        return b.endTable();
    }

    private static int tensor(FlatBufferBuilder b, String name, int[] shape, byte type) {
        int shapeVec = intVector(b, shape);
        int nameStr = b.createString(name);
        b.startTable(4);
        b.addOffset(0, shapeVec, 0);
        b.addByte(1, type, -1);
        b.addInt(2, 0, -1);
        b.addOffset(3, nameStr, 0);
        return b.endTable();
    }

    private static int operator(FlatBufferBuilder b, int opcodeIndex, int[] in, int[] out, int customOptions) {
        int inVec = intVector(b, in);
        int outVec = intVector(b, out);
        b.startTable(6);
        b.addInt(0, opcodeIndex, -1);
        b.addOffset(1, inVec, 0);
        b.addOffset(2, outVec, 0);
        if (customOptions != 0) {
            b.addOffset(5, customOptions, 0);
        }
        return b.endTable();
    }

    private static int intVector(FlatBufferBuilder b, int[] values) {
        b.startVector(4, values.length, 4);
        for (int i = values.length - 1; i >= 0; i--) {
            b.addInt(values[i]);
        }
        return b.endVector();
    }
}

package io.edgebench.model.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only writer for one-op .tflite models: y = op(x, x) with x of shape [1,4] (optionally dynamic batch),
 * float32 or uint8-quantized, using a builtin op or a named custom op. Field indexes follow TFLite's schema.fbs.
 */
public final class TinyTfliteModels {
    public static final int ADD = 0;
    public static final int CUSTOM = 32;
    static final byte FLOAT32 = 0;
    static final byte UINT8 = 3;

    /** One model's recipe. {@code scale} 0 means not quantized. */
    public record Spec(
            int builtin,
            String customOp,
            byte type,
            boolean dynamicBatch,
            float scale,
            long zeroPoint,
            String description) {
        public static Spec addFloat() {
            return new Spec(ADD, null, FLOAT32, false, 0, 0, "tiny add");
        }

        public static Spec addUint8(float scale, long zeroPoint) {
            return new Spec(ADD, null, UINT8, false, scale, zeroPoint, "tiny add uint8");
        }

        public static Spec addFloatDynamicBatch() {
            return new Spec(ADD, null, FLOAT32, true, 0, 0, "tiny add dynamic");
        }

        public static Spec custom(String name) {
            return new Spec(CUSTOM, name, FLOAT32, false, 0, 0, "tiny custom " + name);
        }
    }

    private TinyTfliteModels() {}

    public static Path write(Path dir, String fileName, Spec spec) throws IOException {
        return Files.write(dir.resolve(fileName), bytes(spec));
    }

    public static byte[] bytes(Spec spec) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int xName = b.createString("x");
        int yName = b.createString("y");
        int x = tensor(b, xName, spec, spec.scale);
        int y = tensor(b, yName, spec, spec.scale == 0 ? 0 : spec.scale * 2);
        int tensors = b.createVectorOfTables(new int[] {x, y});
        int inputs = ints(b, 0);
        int outputs = ints(b, 1);
        int opInputs = spec.builtin == CUSTOM ? ints(b, 0) : ints(b, 0, 0);
        int opOutputs = ints(b, 1);
        b.startTable(3);
        b.addInt(0, 0, -1); // opcode_index (forced: default is 0)
        b.addOffset(1, opInputs, 0);
        b.addOffset(2, opOutputs, 0);
        int op = b.endTable();
        int operators = b.createVectorOfTables(new int[] {op});
        b.startTable(4);
        b.addOffset(0, tensors, 0);
        b.addOffset(1, inputs, 0);
        b.addOffset(2, outputs, 0);
        b.addOffset(3, operators, 0);
        int subgraph = b.endTable();
        int subgraphs = b.createVectorOfTables(new int[] {subgraph});
        int customName = spec.customOp == null ? 0 : b.createString(spec.customOp);
        b.startTable(4);
        b.addByte(0, (byte) spec.builtin, -1);
        if (customName != 0) {
            b.addOffset(1, customName, 0);
        }
        b.addInt(2, 1, -1);
        b.addInt(3, spec.builtin, -1);
        int opcode = b.endTable();
        int opcodes = b.createVectorOfTables(new int[] {opcode});
        b.startTable(1);
        int emptyBuffer = b.endTable();
        int buffers = b.createVectorOfTables(new int[] {emptyBuffer});
        int description = b.createString(spec.description);
        b.startTable(5);
        b.addInt(0, 3, -1);
        b.addOffset(1, opcodes, 0);
        b.addOffset(2, subgraphs, 0);
        b.addOffset(3, description, 0);
        b.addOffset(4, buffers, 0);
        b.finish(b.endTable(), "TFL3");
        ByteBuffer out = b.dataBuffer();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static int tensor(FlatBufferBuilder b, int name, Spec spec, float scale) {
        int shape = ints(b, 1, 4);
        int signature = spec.dynamicBatch ? ints(b, -1, 4) : 0;
        int quantization = 0;
        if (scale > 0) {
            b.startVector(4, 1, 4);
            b.addFloat(scale);
            int scales = b.endVector();
            b.startVector(8, 1, 8);
            b.addLong(spec.zeroPoint);
            int zeros = b.endVector();
            b.startTable(4);
            b.addOffset(2, scales, 0);
            b.addOffset(3, zeros, 0);
            quantization = b.endTable();
        }
        b.startTable(8);
        b.addOffset(0, shape, 0);
        b.addByte(1, spec.type, -1);
        b.addInt(2, 0, -1);
        b.addOffset(3, name, 0);
        if (quantization != 0) {
            b.addOffset(4, quantization, 0);
        }
        if (signature != 0) {
            b.addOffset(7, signature, 0);
        }
        return b.endTable();
    }

    private static int ints(FlatBufferBuilder b, int... values) {
        b.startVector(4, values.length, 4);
        for (int i = values.length - 1; i >= 0; i--) {
            b.addInt(values[i]);
        }
        return b.endVector();
    }
}

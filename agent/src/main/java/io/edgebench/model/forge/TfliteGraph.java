package io.edgebench.model.forge;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A single-subgraph TFLite model being assembled, then serialized with field ids from TensorFlow's schema.fbs
 * (schema version 3). Buffer 0 is the empty sentinel that activation tensors point at.
 */
final class TfliteGraph {
    static final byte FLOAT32 = 0;
    static final byte INT32 = 2;
    static final byte INT8 = 9;

    /** Affine quantization; {@code dimension} is the axis the scales run along when there are several. */
    record Quant(float[] scales, long[] zeroPoints, int dimension) {}

    private record Tensor(String name, int[] shape, byte type, int buffer, Quant quant) {}

    private record Op(
            int opcode, int[] inputs, int[] outputs, byte optionsType, ToIntFunction<FlatBufferBuilder> options) {}

    private final List<byte[]> buffers = new ArrayList<>(List.of(new byte[0]));
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();
    private final Map<String, Integer> opcodeIndex = new LinkedHashMap<>();
    private final Map<String, Integer> opCounts = new LinkedHashMap<>();

    /** Adds a tensor; {@code data} null for activations (buffer 0), little-endian bytes for constants. */
    int tensor(String name, int[] shape, byte type, byte[] data, Quant quant) {
        int buffer = 0;
        if (data != null) {
            buffers.add(data);
            buffer = buffers.size() - 1;
        }
        tensors.add(new Tensor(name, shape.clone(), type, buffer, quant));
        return tensors.size() - 1;
    }

    /** Adds an operator; {@code opName} is the BuiltinOperator's name, counted for the sidecar. */
    void op(
            String opName,
            int builtinCode,
            int version,
            int[] inputs,
            int[] outputs,
            int optionsType,
            ToIntFunction<FlatBufferBuilder> options) {
        int opcode = opcodeIndex.computeIfAbsent(builtinCode + ":" + version, k -> opcodeIndex.size());
        ops.add(new Op(opcode, inputs, outputs, (byte) optionsType, options));
        opCounts.merge(opName, 1, Integer::sum);
    }

    Map<String, Integer> opCounts() {
        return Map.copyOf(opCounts);
    }

    byte[] serialize(String description, int[] inputs, int[] outputs) {
        long weightBytes = buffers.stream().mapToLong(b -> b.length).sum();
        FlatBufferBuilder fb = new FlatBufferBuilder((int) Math.min(Integer.MAX_VALUE - 8, weightBytes + 65536));
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = 0; i < buffers.size(); i++) {
            bufferOffsets[i] = buffer(fb, buffers.get(i));
        }
        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            tensorOffsets[i] = tensor(fb, tensors.get(i));
        }
        int[] opOffsets = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            opOffsets[i] = operator(fb, ops.get(i));
        }
        int subgraph = subgraph(fb, tensorOffsets, inputs, outputs, opOffsets);
        int[] codeOffsets = new int[opcodeIndex.size()];
        int i = 0;
        for (String key : opcodeIndex.keySet()) {
            String[] parts = key.split(":");
            codeOffsets[i++] = operatorCode(fb, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
        int codesVector = fb.createVectorOfTables(codeOffsets);
        int subgraphsVector = fb.createVectorOfTables(new int[] {subgraph});
        int descriptionString = fb.createString(description);
        int buffersVector = fb.createVectorOfTables(bufferOffsets);
        fb.startTable(5);
        fb.addInt(0, 3, 0); // Model.version
        fb.addOffset(1, codesVector, 0);
        fb.addOffset(2, subgraphsVector, 0);
        fb.addOffset(3, descriptionString, 0);
        fb.addOffset(4, buffersVector, 0);
        int model = fb.endTable();
        fb.finish(model, "TFL3");
        return fb.sizedByteArray();
    }

    private static int buffer(FlatBufferBuilder fb, byte[] data) {
        int vector = 0;
        if (data.length > 0) {
            fb.prep(16, data.length); // schema: data:[ubyte] (force_align: 16)
            vector = fb.createByteVector(data);
        }
        fb.startTable(1);
        if (vector != 0) {
            fb.addOffset(0, vector, 0);
        }
        return fb.endTable();
    }

    private static int tensor(FlatBufferBuilder fb, Tensor t) {
        int shape = ints(fb, t.shape());
        int name = fb.createString(t.name());
        int quant = t.quant() == null ? 0 : quantization(fb, t.quant());
        fb.startTable(5);
        fb.addOffset(0, shape, 0);
        fb.addByte(1, t.type(), 0);
        fb.addInt(2, t.buffer(), 0);
        fb.addOffset(3, name, 0);
        if (quant != 0) {
            fb.addOffset(4, quant, 0);
        }
        return fb.endTable();
    }

    private static int quantization(FlatBufferBuilder fb, Quant q) {
        fb.startVector(4, q.scales().length, 4);
        for (int i = q.scales().length - 1; i >= 0; i--) {
            fb.addFloat(q.scales()[i]);
        }
        int scales = fb.endVector();
        fb.startVector(8, q.zeroPoints().length, 8);
        for (int i = q.zeroPoints().length - 1; i >= 0; i--) {
            fb.addLong(q.zeroPoints()[i]);
        }
        int zeroPoints = fb.endVector();
        fb.startTable(7);
        fb.addOffset(2, scales, 0);
        fb.addOffset(3, zeroPoints, 0);
        fb.addInt(6, q.dimension(), 0);
        return fb.endTable();
    }

    private static int operator(FlatBufferBuilder fb, Op op) {
        int in = ints(fb, op.inputs());
        int out = ints(fb, op.outputs());
        int options = op.options() == null ? 0 : op.options().applyAsInt(fb);
        fb.startTable(5);
        fb.addInt(0, op.opcode(), 0);
        fb.addOffset(1, in, 0);
        fb.addOffset(2, out, 0);
        if (options != 0) {
            fb.addByte(3, op.optionsType(), 0);
            fb.addOffset(4, options, 0);
        }
        return fb.endTable();
    }

    private static int subgraph(FlatBufferBuilder fb, int[] tensorOffsets, int[] inputs, int[] outputs, int[] ops) {
        int tensorsVector = fb.createVectorOfTables(tensorOffsets);
        int in = ints(fb, inputs);
        int out = ints(fb, outputs);
        int opsVector = fb.createVectorOfTables(ops);
        int name = fb.createString("main");
        fb.startTable(5);
        fb.addOffset(0, tensorsVector, 0);
        fb.addOffset(1, in, 0);
        fb.addOffset(2, out, 0);
        fb.addOffset(3, opsVector, 0);
        fb.addOffset(4, name, 0);
        return fb.endTable();
    }

    // deprecated_builtin_code is a byte: codes above 127 live only in builtin_code (schema 3a)
    private static int operatorCode(FlatBufferBuilder fb, int builtinCode, int version) {
        fb.startTable(4);
        fb.addByte(0, (byte) Math.min(builtinCode, 127), 0);
        fb.addInt(2, version, 1);
        fb.addInt(3, builtinCode, 0);
        return fb.endTable();
    }

    static int ints(FlatBufferBuilder fb, int[] values) {
        fb.startVector(4, values.length, 4);
        for (int i = values.length - 1; i >= 0; i--) {
            fb.addInt(values[i]);
        }
        return fb.endVector();
    }
}

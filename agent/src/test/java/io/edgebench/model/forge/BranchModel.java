package io.edgebench.model.forge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ONNX model whose scalar int64 input selects a branch, the way silero_vad's {@code sr} does: {@code output =
 * If(sr == 16000) then input * 2 else Reshape(input, [3, -1])}. Like silero's audio chunk, {@code input} is
 * [1, samples] with a dynamic dim; with {@code --input-shape input=1x64} ({@value #SAMPLES} values do not split into
 * 3 rows) the else branch cannot run, so ONNX Runtime fails inside the If node unless sr is 16000: random int64
 * inputs (0..255) fail, {@code --input-value sr=16000} runs. The suite's own fixture.
 */
public final class BranchModel {
    public static final String FILE_NAME = "branch_sr.onnx";
    public static final int SAMPLES = 64;
    public static final long RATE = 16_000;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTR_GRAPH = 5;

    private BranchModel() {}

    /** Writes {@value #FILE_NAME} into {@code dir} (created if missing) and returns its path. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.write(file, bytes());
        return file;
    }

    static byte[] bytes() {
        Proto graph = new Proto().string(2, "branch_sr");
        graph.message(5, tensor("sr_16k", new long[0], INT64, longs(RATE)));
        graph.message(5, tensor("two", new long[0], FLOAT, le(2f)));
        graph.message(5, tensor("three_rows", new long[] {2}, INT64, longs(3, -1)));
        graph.message(1, node("Equal", "is_16k", new String[] {"sr", "sr_16k"}, "is_16k"));
        Proto then = new Proto().string(2, "then_16k");
        then.message(1, node("Mul", "times_two", new String[] {"input", "two"}, "then_out"));
        then.message(12, valueInfo("then_out", FLOAT, null));
        Proto otherwise = new Proto().string(2, "else_other_rate");
        otherwise.message(1, node("Reshape", "three_rows", new String[] {"input", "three_rows"}, "else_out"));
        otherwise.message(12, valueInfo("else_out", FLOAT, null));
        Proto ifNode = node("If", "by_rate", new String[] {"is_16k"}, "output");
        ifNode.message(5, new Proto().string(1, "then_branch").message(6, then).int64(20, ATTR_GRAPH));
        ifNode.message(
                5, new Proto().string(1, "else_branch").message(6, otherwise).int64(20, ATTR_GRAPH));
        graph.message(1, ifNode);
        graph.message(11, valueInfo("input", FLOAT, new long[] {1, -1}));
        graph.message(11, valueInfo("sr", INT64, new long[0]));
        graph.message(12, valueInfo("output", FLOAT, null));
        return new Proto()
                .int64(1, 8)
                .string(2, "edgebench-forge")
                .string(3, Integer.toString(Forge.FORMAT))
                .message(7, graph)
                .message(8, new Proto().string(1, "").int64(2, 13))
                .toByteArray();
    }

    private static Proto node(String op, String name, String[] inputs, String output) {
        Proto n = new Proto();
        for (String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, output).string(3, name).string(4, op);
    }

    private static Proto tensor(String name, long[] dims, int type, byte[] raw) {
        Proto t = new Proto();
        for (long d : dims) {
            t.int64(1, d);
        }
        return t.int64(2, type).string(8, name).bytes(9, raw);
    }

    /** {@code dims} null: shape unknown (an If output's shape depends on the branch taken). */
    private static Proto valueInfo(String name, int type, long[] dims) {
        Proto tensorType = new Proto().int64(1, type);
        if (dims != null) {
            Proto shape = new Proto();
            for (long d : dims) {
                // -1: a dynamic dim without a name (a named one would be fixed up front from --input-shape, and
                // ONNX Runtime's shape inference would then reject the else branch when loading)
                shape.message(1, d < 0 ? new Proto() : new Proto().int64(1, d));
            }
            tensorType.message(2, shape);
        }
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    private static byte[] longs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    private static byte[] le(float v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
    }
}

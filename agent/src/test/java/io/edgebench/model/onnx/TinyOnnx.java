package io.edgebench.model.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal test-only ONNX writer (protobuf wire format, field numbers from onnx.proto) for the fixtures the ONNX
 * tests need; the project's real writer is model.forge. Also builds the reference computation for its graphs.
 */
public final class TinyOnnx {
    /** W [4x3] and B [3] of {@link #mlp}: Softmax(Relu(X * W + B)). */
    public static final float[] W = {0.5f, -1f, 0.25f, 1f, 0.5f, -0.5f, -0.25f, 2f, 1f, 0.75f, -1.5f, 0.5f};

    public static final float[] B = {0.1f, -0.2f, 0.3f};

    private TinyOnnx() {}

    /** A protobuf message under construction. */
    public static final class Msg {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        public Msg varint(int field, long v) {
            return io(() -> out.writeInt64(field, v));
        }

        public Msg str(int field, String s) {
            return io(() -> out.writeByteArray(field, s.getBytes(StandardCharsets.UTF_8)));
        }

        public Msg raw(int field, byte[] b) {
            return io(() -> out.writeByteArray(field, b));
        }

        public Msg msg(int field, Msg m) {
            return raw(field, m.bytes());
        }

        public byte[] bytes() {
            io(out::flush);
            return bytes.toByteArray();
        }

        private Msg io(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** ValueInfoProto of a tensor; a dim is a Long (dim_value) or a String (dim_param). elemType: 1 float, 2 uint8. */
    public static Msg valueInfo(String name, int elemType, Object... dims) {
        Msg shape = new Msg();
        for (Object d : dims) {
            shape.msg(1, d instanceof String s ? new Msg().str(2, s) : new Msg().varint(1, ((Number) d).longValue()));
        }
        Msg tensor = new Msg().varint(1, elemType).msg(2, shape);
        return new Msg().str(1, name).msg(2, new Msg().msg(1, tensor));
    }

    public static Msg node(String opType, String domain, List<String> inputs, List<String> outputs, Msg... attrs) {
        Msg n = new Msg();
        inputs.forEach(i -> n.str(1, i));
        outputs.forEach(o -> n.str(2, o));
        n.str(3, opType + "_" + outputs.get(0)).str(4, opType);
        for (Msg a : attrs) {
            n.msg(5, a);
        }
        if (!domain.isEmpty()) {
            n.str(7, domain);
        }
        return n;
    }

    /** AttributeProto of type INT (2). */
    public static Msg intAttr(String name, long v) {
        return new Msg().str(1, name).varint(20, 2).varint(3, v);
    }

    /** A float TensorProto with raw_data. */
    public static Msg floatTensor(String name, float[] values, long... dims) {
        Msg t = new Msg();
        for (long d : dims) {
            t.varint(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return t.varint(2, 1).str(8, name).raw(9, raw.array());
    }

    public static byte[] model(Msg graph, long opset, String producer) {
        return new Msg()
                .varint(1, 8)
                .str(2, producer)
                .str(3, "0.1")
                .msg(7, graph)
                .msg(8, new Msg().str(1, "").varint(2, opset))
                .bytes();
    }

    /**
     * X [batch x 4] float -> MatMul(W) -> Add(B) -> Relu -> Softmax(axis 1) -> Y [batch x 3]. {@code batch} is a Long
     * for a static dim or a String for a named dynamic dim. W is also listed in graph.input, as IR 3 exporters do.
     */
    public static byte[] mlp(Object batch) {
        Msg g = new Msg()
                .msg(1, node("MatMul", "", List.of("X", "W"), List.of("H")))
                .msg(1, node("Add", "", List.of("H", "B"), List.of("Z")))
                .msg(1, node("Relu", "", List.of("Z"), List.of("R")))
                .msg(1, node("Softmax", "", List.of("R"), List.of("Y"), intAttr("axis", 1)))
                .str(2, "mlp")
                .msg(5, floatTensor("W", W, 4, 3))
                .msg(5, floatTensor("B", B, 3))
                .msg(11, valueInfo("X", 1, batch, 4L))
                .msg(11, valueInfo("W", 1, 4L, 3L))
                .msg(12, valueInfo("Y", 1, batch, 3L));
        return model(g, 13, "edgebench-tests");
    }

    /**
     * Two inputs of open size, each passed through by Identity: image [batch x 3 x h x w] and state [2 x n x 128]
     * (a recurrent model's state, not an image).
     */
    public static byte[] twoDynamicInputs() {
        Msg g = new Msg()
                .msg(1, node("Identity", "", List.of("image"), List.of("image_out")))
                .msg(1, node("Identity", "", List.of("state"), List.of("state_out")))
                .str(2, "two")
                .msg(11, valueInfo("image", 1, "batch", 3L, "h", "w"))
                .msg(11, valueInfo("state", 1, 2L, "n", 128L))
                .msg(12, valueInfo("image_out", 1, "batch", 3L, "h", "w"))
                .msg(12, valueInfo("state_out", 1, 2L, "n", 128L));
        return model(g, 13, "edgebench-tests");
    }

    /** X [1 x 4] uint8 -> Cast(to float) -> Y [1 x 4] float: exercises integer inputs. */
    public static byte[] castUint8() {
        return cast(2, 1);
    }

    /** X [1 x 4] of elem type {@code from} -> Cast -> Y [1 x 4] of elem type {@code to} (1 float, 2 uint8, 10 fp16). */
    public static byte[] cast(int from, int to) {
        Msg g = new Msg()
                .msg(1, node("Cast", "", List.of("X"), List.of("Y"), intAttr("to", to)))
                .str(2, "cast")
                .msg(11, valueInfo("X", from, 1L, 4L))
                .msg(12, valueInfo("Y", to, 1L, 4L));
        return model(g, 13, "edgebench-tests");
    }

    /** Reference for {@link #mlp}: softmax(relu(x W + b)) per row of 4 values. */
    public static float[] mlpReference(float[] x) {
        int rows = x.length / 4;
        List<Float> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double[] z = new double[3];
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                double acc = B[j];
                for (int k = 0; k < 4; k++) {
                    acc += x[r * 4 + k] * W[k * 3 + j];
                }
                z[j] = Math.exp(Math.max(0, acc));
            }
            for (double v : z) {
                sum += v;
            }
            for (double v : z) {
                out.add((float) (v / sum));
            }
        }
        float[] result = new float[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }
}

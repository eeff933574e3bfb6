package io.edgebench.model.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.Quantization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the scale and zero point of integer graph outputs: an ONNX tensor carries no quantization parameters, so an
 * int8 output's codes are only real values through the QuantizeLinear that produces it (through shape-only ops such
 * as Reshape) or a DequantizeLinear that reads it. Scales and zero points come from initializers or Constant nodes;
 * only tensors of at most {@link #MAX_PARAM_ELEMENTS} elements are kept, so the scan allocates almost nothing.
 */
public final class OnnxOutputQuantization {
    static final int MAX_PARAM_ELEMENTS = 16;
    /** Ops that move codes without changing them: the quantization of their input holds for their output. */
    private static final Set<String> SHAPE_ONLY =
            Set.of("Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Identity");

    private static final int MAX_HOPS = 8;

    /** The parameters of one output, or why they cannot be found. */
    public record Found(Quantization quantization, String unresolved) {}

    private record Node(String op, List<String> inputs, List<String> outputs) {}

    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Map<String, double[]> smallTensors = new HashMap<>();

    private OnnxOutputQuantization() {}

    /** For each named output: its quantization, or a sentence saying why there is none. */
    public static Map<String, Found> find(ByteBuffer model, String modelName, List<String> outputs) {
        OnnxOutputQuantization q = new OnnxOutputQuantization();
        CodedInputStream in = CodedInputStream.newInstance(model.duplicate());
        try {
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                if (tag == 58) { // ModelProto 7: graph
                    OnnxModelReader.nested(in, () -> q.readGraph(in));
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(
                    "Model [" + modelName + "]: cannot read the quantization of its outputs (" + e.getMessage()
                            + "). Is the file truncated or corrupt?",
                    e);
        }
        Map<String, Found> out = new LinkedHashMap<>();
        for (String o : outputs) {
            out.put(o, q.resolve(o));
        }
        return out;
    }

    private Found resolve(String output) {
        String t = output;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Node p = producers.get(t);
            if (p != null && p.op().equals("QuantizeLinear")) {
                return params(output, p, "QuantizeLinear");
            }
            for (Node c : consumers.getOrDefault(t, List.of())) {
                if (c.op().equals("DequantizeLinear") && c.inputs().get(0).equals(t)) {
                    return params(output, c, "DequantizeLinear");
                }
            }
            if (p == null || !SHAPE_ONLY.contains(p.op()) || p.inputs().isEmpty()) {
                break;
            }
            t = p.inputs().get(0);
        }
        return new Found(
                null,
                "no QuantizeLinear produces output [" + output + "] and no DequantizeLinear reads it,"
                        + " so its integer codes have no known scale and zero point");
    }

    private Found params(String output, Node n, String op) {
        double[] scale = n.inputs().size() > 1 ? smallTensors.get(n.inputs().get(1)) : null;
        double[] zero = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()
                ? smallTensors.get(n.inputs().get(2))
                : new double[] {0};
        String where = "the " + op + " of output [" + output + "]";
        if (scale == null || zero == null) {
            return new Found(
                    null,
                    where + " takes its " + (scale == null ? "scale" : "zero point")
                            + " from a computed tensor, not an initializer or Constant");
        }
        if (scale.length != 1 || zero.length != 1) {
            return new Found(
                    null,
                    where + " is per-axis (" + scale.length + " scales); only per-tensor outputs are" + " dequantized");
        }
        if (!(scale[0] > 0) || Double.isInfinite(scale[0])) {
            return new Found(null, where + " has scale [" + scale[0] + "]; a scale must be a finite number > 0");
        }
        return new Found(new Quantization(scale[0], Math.round(zero[0])), null);
    }

    private Void readGraph(CodedInputStream in) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 10 -> OnnxModelReader.nested(in, () -> readNode(in)); // 1: node
                case 42 -> OnnxModelReader.nested(in, () -> readTensor(in, null)); // 5: initializer
                default -> in.skipField(tag);
            }
        }
        return null;
    }

    private Void readNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        Map<String, double[]> constant = new HashMap<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 10 -> inputs.add(in.readString());
                case 18 -> outputs.add(in.readString());
                case 34 -> op = in.readString();
                case 42 -> OnnxModelReader.nested(in, () -> readAttribute(in, constant)); // 5: attribute
                default -> in.skipField(tag);
            }
        }
        Node node = new Node(op, inputs, outputs);
        outputs.forEach(o -> producers.put(o, node));
        inputs.forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(node));
        if (op.equals("Constant") && outputs.size() == 1 && constant.containsKey("value")) {
            smallTensors.put(outputs.get(0), constant.get("value"));
        }
        return null;
    }

    private Void readAttribute(CodedInputStream in, Map<String, double[]> constant) throws IOException {
        String name = "";
        double[][] value = new double[1][];
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 10 -> name = in.readString(); // 1: name
                case 42 -> OnnxModelReader.nested(in, () -> readTensor(in, value)); // 5: t
                default -> in.skipField(tag);
            }
        }
        if (value[0] != null) {
            constant.put(name, value[0]);
        }
        return null;
    }

    /** Keeps a small numeric tensor under its name (initializers) or in {@code into} (a Constant's value). */
    private Void readTensor(CodedInputStream in, double[][] into) throws IOException {
        TensorValues t = new TensorValues();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (field) {
                case 1 -> t.elements *= packed ? packedProduct(in) : in.readInt64(); // dims
                case 2 -> t.dataType = in.readInt32();
                case 4 -> t.read(in, packed, TensorValues.Kind.FLOAT); // float_data
                case 5 -> t.read(in, packed, TensorValues.Kind.INT32); // int32_data (int8/uint8/int16 too)
                case 7 -> t.read(in, packed, TensorValues.Kind.INT64); // int64_data
                case 8 -> t.name = in.readString();
                case 9 -> t.raw = smallBytes(in); // raw_data
                default -> in.skipField(tag);
            }
        }
        double[] v = t.values();
        if (v != null && into != null) {
            into[0] = v;
        } else if (v != null && !t.name.isEmpty()) {
            smallTensors.put(t.name, v);
        }
        return null;
    }

    /** raw_data of at most MAX_PARAM_ELEMENTS doubles is copied; larger (weights) is skipped, never allocated. */
    private static byte[] smallBytes(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0 || length > MAX_PARAM_ELEMENTS * 8) {
            in.skipRawBytes(length);
            return null;
        }
        return in.readRawBytes(length);
    }

    private static long packedProduct(CodedInputStream in) throws IOException {
        int old = in.pushLimit(in.readRawVarint32());
        long n = 1;
        while (!in.isAtEnd()) {
            n *= in.readInt64();
        }
        in.popLimit(old);
        return n;
    }

    /** One TensorProto's values as doubles, when it is small and of a type scales and zero points use. */
    private static final class TensorValues {
        enum Kind {
            FLOAT,
            INT32,
            INT64
        }

        String name = "";
        int dataType;
        long elements = 1;
        byte[] raw;
        final List<Double> typed = new ArrayList<>();

        void read(CodedInputStream in, boolean packed, Kind kind) throws IOException {
            int old = packed ? in.pushLimit(in.readRawVarint32()) : -1;
            do {
                if (typed.size() > MAX_PARAM_ELEMENTS) {
                    in.skipRawBytes(in.getBytesUntilLimit());
                    break;
                }
                typed.add(
                        switch (kind) {
                            case FLOAT -> (double) in.readFloat();
                            case INT32 -> (double) in.readInt32();
                            case INT64 -> (double) in.readInt64();
                        });
            } while (packed && !in.isAtEnd());
            if (packed) {
                in.popLimit(old);
            }
        }

        double[] values() {
            if (elements > MAX_PARAM_ELEMENTS || elements < 1) {
                return null;
            }
            if (raw == null) {
                return typed.size() == elements
                        ? typed.stream().mapToDouble(Double::doubleValue).toArray()
                        : null;
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int size = switch (dataType) {
                case 1, 6 -> 4; // float, int32
                case 2, 3, 9 -> 1; // uint8, int8, bool
                case 4, 5 -> 2; // uint16, int16
                case 7, 11 -> 8; // int64, double
                default -> 0;
            };
            if (size == 0 || raw.length != elements * size) {
                return null;
            }
            double[] out = new double[(int) elements];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (dataType) {
                    case 1 -> b.getFloat();
                    case 6 -> b.getInt();
                    case 2 -> b.get() & 0xff;
                    case 3, 9 -> b.get();
                    case 4 -> b.getShort() & 0xffff;
                    case 5 -> b.getShort();
                    case 7 -> b.getLong();
                    default -> b.getDouble();
                };
            }
            return out;
        }
    }
}

package io.edgebench.model.forge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link Network} as an ONNX model (IR 8, opset 13): NCHW activations, conv weights OIHW, depthwise as a
 * grouped conv (group = C, weights [C,1,kh,kw]), TF's SAME padding as explicit pads, ReLU6 as Clip(0, 6), the
 * classifier as Gemm(transB=1). With a {@link QuantPlan} it writes QDQ: QuantizeLinear/DequantizeLinear pairs
 * around every activation and DequantizeLinear on int8 weights and int32 biases, with the weight integers and all
 * scales of the TFLite twin (activation zero points moved by 128 to uint8: the same real values), so ONNX Runtime
 * fuses them into QLinearConv, QLinearAdd, QGemm and friends. The input stays float32; the output is float32, or
 * with {@link OnnxOutput#INT8} the int8 codes of the last QuantizeLinear (TFLite's zero point and scale), as
 * converters that keep a full-integer model's output produce.
 */
final class OnnxWriter {
    static final long IR_VERSION = 8;
    static final long OPSET = 13;
    // TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int INT32 = 6;

    /** The written bytes and how many nodes of each op type they hold. */
    record Result(byte[] bytes, Map<String, Integer> opCounts) {}

    private final Network net;
    private final QuantPlan plan;
    private final OnnxOutput output;
    private final Proto graph = new Proto();
    private final Map<String, Integer> opCounts = new LinkedHashMap<>();

    private OnnxWriter(Network net, QuantPlan plan, OnnxOutput output) {
        this.net = net;
        this.plan = plan;
        this.output = output;
    }

    /** {@code plan} null writes float32 ops only (and a float32 output whatever {@code output} says). */
    static Result write(Network net, QuantPlan plan, OnnxOutput output, String description, String producerVersion) {
        OnnxWriter w = new OnnxWriter(net, plan, plan == null ? OnnxOutput.FLOAT32 : output);
        w.graph.string(2, net.name());
        if (plan != null) {
            w.qdq("input", w.name(net.input()), net.input());
        }
        w.initializer("relu6/min", new long[0], FLOAT, TfliteWriter.le(new float[] {0f}));
        w.initializer("relu6/max", new long[0], FLOAT, TfliteWriter.le(new float[] {6f}));
        for (Layer layer : net.layers()) {
            w.layer(layer);
        }
        int[] in = net.inputSpec().shape();
        w.graph.message(11, valueInfo("input", new long[] {1, in[3], in[1], in[2]}));
        int[] out = net.outputSpec().shape();
        // a spatial output (seg) is the last conv's NCHW tensor; a classifier's is [1, classes]
        w.graph.message(
                12,
                valueInfo(
                        "output",
                        out.length == 4
                                ? new long[] {1, out[3], out[1], out[2]}
                                : new long[] {1, net.outputSpec().channels()},
                        w.output == OnnxOutput.INT8 ? INT8 : FLOAT));
        w.graph.string(10, description);
        Proto model = new Proto()
                .int64(1, IR_VERSION)
                .string(2, "edgebench-forge")
                .string(3, producerVersion)
                .string(6, description)
                .message(7, w.graph)
                .message(8, new Proto().string(1, "").int64(2, OPSET));
        return new Result(model.toByteArray(), Map.copyOf(w.opCounts));
    }

    /** The name consumers read tensor {@code t} under: the float value, or the DequantizeLinear output in QDQ. */
    private String name(int t) {
        if (t == net.input()) {
            return plan == null ? "input" : "input/dq";
        }
        return net.tensors().get(t).name();
    }

    /** The name the producing op writes to: the tensor itself in float, the pre-QuantizeLinear value in QDQ. */
    private String produced(int t) {
        return plan == null ? name(t) : name(t) + "/f";
    }

    private void layer(Layer layer) {
        if (layer instanceof Layer.Conv c) {
            String[] wb = weightsAndBias(
                    c.name(),
                    OnnxLayouts.ohwiToOihw(c.outChannels(), c.kernel(), c.inChannels()),
                    new long[] {c.outChannels(), c.inChannels(), c.kernel(), c.kernel()},
                    c.weights(),
                    c.bias(),
                    c.input(),
                    false,
                    true);
            conv(c.name(), c.input(), c.output(), wb, c.kernel(), c.stride(), 1, c.relu6());
        } else if (layer instanceof Layer.Depthwise d) {
            String[] wb = weightsAndBias(
                    d.name(),
                    OnnxLayouts.hwcToChw(d.kernel(), d.channels()),
                    new long[] {d.channels(), 1, d.kernel(), d.kernel()},
                    d.weights(),
                    d.bias(),
                    d.input(),
                    true,
                    true);
            conv(d.name(), d.input(), d.output(), wb, d.kernel(), d.stride(), d.channels(), d.relu6());
        } else if (layer instanceof Layer.Add a) {
            node("Add", a.name(), new String[] {name(a.a()), name(a.b())}, produced(a.output()));
            qdq(produced(a.output()), name(a.output()), a.output());
        } else if (layer instanceof Layer.AvgPool p) {
            node("GlobalAveragePool", p.name(), new String[] {name(p.input())}, produced(p.output()));
            qdq(produced(p.output()), name(p.output()), p.output());
        } else if (layer instanceof Layer.Reshape r) {
            node(
                    "Flatten",
                    r.name(),
                    new String[] {name(r.input())},
                    produced(r.output()),
                    OnnxLayouts.attrInt("axis", 1));
            qdq(produced(r.output()), name(r.output()), r.output());
        } else if (layer instanceof Layer.Dense f) {
            String[] wb = weightsAndBias(
                    f.name(),
                    null,
                    new long[] {f.outFeatures(), f.inFeatures()},
                    f.weights(),
                    f.bias(),
                    f.input(),
                    false,
                    false);
            node(
                    "Gemm",
                    f.name(),
                    new String[] {name(f.input()), wb[0], wb[1]},
                    produced(f.output()),
                    OnnxLayouts.attrInt("transB", 1));
            qdq(produced(f.output()), name(f.output()), f.output());
        } else if (layer instanceof Layer.Softmax s) {
            node(
                    "Softmax",
                    s.name(),
                    new String[] {name(s.input())},
                    produced(s.output()),
                    OnnxLayouts.attrInt("axis", -1));
            qdq(produced(s.output()), name(s.output()), s.output());
        }
    }

    private void conv(
            String name, int input, int output, String[] wb, int kernel, int stride, int group, boolean relu6) {
        int[] in = net.tensors().get(input).shape();
        Padding ph = Padding.same(in[1], kernel, stride);
        Padding pw = Padding.same(in[2], kernel, stride);
        String convOut = relu6 ? name + "/conv" : produced(output);
        node(
                "Conv",
                name,
                new String[] {name(input), wb[0], wb[1]},
                convOut,
                OnnxLayouts.attrInts("kernel_shape", kernel, kernel),
                OnnxLayouts.attrInts("strides", stride, stride),
                OnnxLayouts.attrInts("pads", ph.before(), pw.before(), ph.after(), pw.after()),
                OnnxLayouts.attrInt("group", group));
        if (relu6) {
            node("Clip", name + "/relu6", new String[] {convOut, "relu6/min", "relu6/max"}, produced(output));
        }
        qdq(produced(output), name(output), output);
    }

    /** Float or DequantizeLinear'd weight and bias tensors; {@code perm} reorders TFLite's layout (null: keep). */
    private String[] weightsAndBias(
            String name, int[] perm, long[] dims, float[] w, float[] b, int input, boolean inner, boolean perChannel) {
        long[] biasDims = {b.length};
        if (plan == null) {
            initializer(name + "/weights", dims, FLOAT, TfliteWriter.le(OnnxLayouts.permute(w, perm)));
            initializer(name + "/bias", biasDims, FLOAT, TfliteWriter.le(b));
            return new String[] {name + "/weights", name + "/bias"};
        }
        QParams in = plan.of(input);
        QuantizedWeights q = inner
                ? QuantizedWeights.inner(w, b, b.length, in)
                : QuantizedWeights.outer(w, b, b.length, in, perChannel);
        long[] scaleDims = perChannel ? biasDims : new long[0];
        int n = q.scales().length;
        initializer(name + "/weights_q", dims, INT8, OnnxLayouts.permute(q.values(), perm));
        initializer(name + "/weights_scale", scaleDims, FLOAT, TfliteWriter.le(q.scales()));
        initializer(name + "/weights_zero_point", scaleDims, INT8, new byte[n]);
        initializer(name + "/bias_q", biasDims, INT32, TfliteWriter.le(q.bias()));
        initializer(name + "/bias_scale", scaleDims, FLOAT, TfliteWriter.le(q.biasScales()));
        initializer(name + "/bias_zero_point", scaleDims, INT32, new byte[4 * n]);
        Proto[] axis = perChannel ? new Proto[] {OnnxLayouts.attrInt("axis", 0)} : new Proto[0];
        node(
                "DequantizeLinear",
                name + "/weights_dq",
                new String[] {name + "/weights_q", name + "/weights_scale", name + "/weights_zero_point"},
                name + "/weights",
                axis);
        node(
                "DequantizeLinear",
                name + "/bias_dq",
                new String[] {name + "/bias_q", name + "/bias_scale", name + "/bias_zero_point"},
                name + "/bias",
                axis);
        return new String[] {name + "/weights", name + "/bias"};
    }

    /** QuantizeLinear then DequantizeLinear from {@code from} to {@code to} with tensor {@code t}'s parameters. */
    private void qdq(String from, String to, int t) {
        if (plan == null) {
            return;
        }
        QParams q = plan.of(t);
        String base = net.tensors().get(t).name();
        initializer(base + "/scale", new long[0], FLOAT, TfliteWriter.le(new float[] {q.scale()}));
        // activations as uint8 with the zero point moved by 128: the same real values as TFLite's int8, and the
        // U8S8 form ONNX Runtime fuses everywhere (with int8 activations its x86 s8-to-u8 rewrite left a residual
        // block, whose tensors have two consumers, as float Conv/Add)
        initializer(base + "/zero_point", new long[0], UINT8, new byte[] {(byte) (q.zeroPoint() + 128)});
        if (t == net.output() && output == OnnxOutput.INT8) {
            // the graph ends in int8 codes with TFLite's own zero point: no DequantizeLinear after it
            initializer(base + "/zero_point_s8", new long[0], INT8, new byte[] {(byte) q.zeroPoint()});
            node(
                    "QuantizeLinear",
                    base + "/quantize",
                    new String[] {from, base + "/scale", base + "/zero_point_s8"},
                    to);
            return;
        }
        node(
                "QuantizeLinear",
                base + "/quantize",
                new String[] {from, base + "/scale", base + "/zero_point"},
                base + "/q");
        node(
                "DequantizeLinear",
                base + "/dequantize",
                new String[] {base + "/q", base + "/scale", base + "/zero_point"},
                to);
    }

    private void node(String opType, String name, String[] inputs, String output, Proto... attributes) {
        Proto node = new Proto();
        for (String in : inputs) {
            node.string(1, in);
        }
        node.string(2, output).string(3, name).string(4, opType);
        for (Proto a : attributes) {
            node.message(5, a);
        }
        graph.message(1, node);
        opCounts.merge(opType, 1, Integer::sum);
    }

    private void initializer(String name, long[] dims, int dataType, byte[] raw) {
        Proto t = new Proto();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, dataType).string(8, name).bytes(9, raw);
        graph.message(5, t);
    }

    private static Proto valueInfo(String name, long[] dims) {
        return valueInfo(name, dims, FLOAT);
    }

    private static Proto valueInfo(String name, long[] dims, int elemType) {
        Proto shape = new Proto();
        for (long d : dims) {
            shape.message(1, new Proto().int64(1, d));
        }
        Proto tensorType = new Proto().int64(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }
}

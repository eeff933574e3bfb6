package io.edgebench.model.forge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Writes a {@link Network} as a TFLite flatbuffer: NHWC activations, conv weights OHWI, depthwise [1,kh,kw,C],
 * fully connected [out,in], ReLU6 fused into the producing conv. With a {@link QuantPlan} the model is fully
 * integer: int8 input and output (no QUANTIZE/DEQUANTIZE ops, like the converter's full-integer mode with int8 I/O),
 * int8 weights per-channel (conv, depthwise) or per-tensor (fully connected), int32 biases.
 */
final class TfliteWriter {
    // BuiltinOperator codes and BuiltinOptions union indices from schema.fbs
    private static final int ADD = 0;
    private static final int AVERAGE_POOL_2D = 1;
    private static final int CONV_2D = 3;
    private static final int DEPTHWISE_CONV_2D = 4;
    private static final int FULLY_CONNECTED = 9;
    private static final int RESHAPE = 22;
    private static final int SOFTMAX = 25;
    private static final int CONV2D_OPTIONS = 1;
    private static final int DEPTHWISE_OPTIONS = 2;
    private static final int POOL2D_OPTIONS = 5;
    private static final int FULLY_CONNECTED_OPTIONS = 8;
    private static final int SOFTMAX_OPTIONS = 9;
    private static final int ADD_OPTIONS = 11;
    private static final int RESHAPE_OPTIONS = 17;
    private static final byte PADDING_SAME = 0;
    private static final byte PADDING_VALID = 1;
    private static final byte ACT_NONE = 0;
    private static final byte ACT_RELU6 = 3;

    /** The written bytes and how many of each operator they hold. */
    record Result(byte[] bytes, Map<String, Integer> opCounts) {}

    private final Network net;
    private final QuantPlan plan;
    private final TfliteGraph g = new TfliteGraph();
    private final int[] ids;

    private TfliteWriter(Network net, QuantPlan plan) {
        this.net = net;
        this.plan = plan;
        this.ids = new int[net.tensors().size()];
    }

    /** {@code plan} null writes float32. */
    static Result write(Network net, QuantPlan plan, String description) {
        TfliteWriter w = new TfliteWriter(net, plan);
        for (int t = 0; t < net.tensors().size(); t++) {
            TensorSpec spec = net.tensors().get(t);
            w.ids[t] = w.g.tensor(
                    spec.name(),
                    spec.shape(),
                    plan == null ? TfliteGraph.FLOAT32 : TfliteGraph.INT8,
                    null,
                    plan == null ? null : perTensor(plan.of(t)));
        }
        for (Layer layer : net.layers()) {
            w.layer(layer);
        }
        byte[] bytes = w.g.serialize(description, new int[] {w.ids[net.input()]}, new int[] {w.ids[net.output()]});
        return new Result(bytes, w.g.opCounts());
    }

    private boolean quantized() {
        return plan != null;
    }

    private void layer(Layer layer) {
        if (layer instanceof Layer.Conv c) {
            conv(c);
        } else if (layer instanceof Layer.Depthwise d) {
            depthwise(d);
        } else if (layer instanceof Layer.Add a) {
            g.op(
                    "ADD",
                    ADD,
                    quantized() ? 2 : 1,
                    new int[] {ids[a.a()], ids[a.b()]},
                    new int[] {ids[a.output()]},
                    ADD_OPTIONS,
                    fb -> {
                        fb.startTable(1);
                        fb.addByte(0, ACT_NONE, 0);
                        return fb.endTable();
                    });
        } else if (layer instanceof Layer.AvgPool p) {
            avgPool(p);
        } else if (layer instanceof Layer.Reshape r) {
            reshape(r);
        } else if (layer instanceof Layer.Dense f) {
            int[] wb = weightsAndBias(
                    f.name(), new int[] {f.outFeatures(), f.inFeatures()}, f.weights(), f.bias(), f.input(), false, -1);
            g.op(
                    "FULLY_CONNECTED",
                    FULLY_CONNECTED,
                    quantized() ? 4 : 1,
                    new int[] {ids[f.input()], wb[0], wb[1]},
                    new int[] {ids[f.output()]},
                    FULLY_CONNECTED_OPTIONS,
                    fb -> {
                        fb.startTable(3);
                        fb.addByte(0, ACT_NONE, 0);
                        return fb.endTable();
                    });
        } else if (layer instanceof Layer.Softmax s) {
            g.op(
                    "SOFTMAX",
                    SOFTMAX,
                    quantized() ? 2 : 1,
                    new int[] {ids[s.input()]},
                    new int[] {ids[s.output()]},
                    SOFTMAX_OPTIONS,
                    fb -> {
                        fb.startTable(1);
                        fb.addFloat(0, 1.0f, 0.0); // beta
                        return fb.endTable();
                    });
        }
    }

    private void conv(Layer.Conv c) {
        int[] wb = weightsAndBias(
                c.name(),
                new int[] {c.outChannels(), c.kernel(), c.kernel(), c.inChannels()},
                c.weights(),
                c.bias(),
                c.input(),
                false,
                0);
        byte act = c.relu6() ? ACT_RELU6 : ACT_NONE;
        g.op(
                "CONV_2D",
                CONV_2D,
                quantized() ? 3 : 1,
                new int[] {ids[c.input()], wb[0], wb[1]},
                new int[] {ids[c.output()]},
                CONV2D_OPTIONS,
                fb -> {
                    fb.startTable(6);
                    fb.addByte(0, PADDING_SAME, 0);
                    fb.addInt(1, c.stride(), 0);
                    fb.addInt(2, c.stride(), 0);
                    fb.addByte(3, act, 0);
                    fb.addInt(4, 1, 1);
                    fb.addInt(5, 1, 1);
                    return fb.endTable();
                });
    }

    private void depthwise(Layer.Depthwise d) {
        int[] wb = weightsAndBias(
                d.name(),
                new int[] {1, d.kernel(), d.kernel(), d.channels()},
                d.weights(),
                d.bias(),
                d.input(),
                true,
                3);
        byte act = d.relu6() ? ACT_RELU6 : ACT_NONE;
        g.op(
                "DEPTHWISE_CONV_2D",
                DEPTHWISE_CONV_2D,
                quantized() ? 3 : 1,
                new int[] {ids[d.input()], wb[0], wb[1]},
                new int[] {ids[d.output()]},
                DEPTHWISE_OPTIONS,
                fb -> {
                    fb.startTable(7);
                    fb.addByte(0, PADDING_SAME, 0);
                    fb.addInt(1, d.stride(), 0);
                    fb.addInt(2, d.stride(), 0);
                    fb.addInt(3, 1, 0); // depth_multiplier
                    fb.addByte(4, act, 0);
                    return fb.endTable();
                });
    }

    private void avgPool(Layer.AvgPool p) {
        int[] in = net.tensors().get(p.input()).shape();
        g.op(
                "AVERAGE_POOL_2D",
                AVERAGE_POOL_2D,
                quantized() ? 2 : 1,
                new int[] {ids[p.input()]},
                new int[] {ids[p.output()]},
                POOL2D_OPTIONS,
                fb -> {
                    fb.startTable(6);
                    fb.addByte(0, PADDING_VALID, 0);
                    fb.addInt(1, 1, 0);
                    fb.addInt(2, 1, 0);
                    fb.addInt(3, in[2], 0); // filter_width: the whole feature map
                    fb.addInt(4, in[1], 0);
                    fb.addByte(5, ACT_NONE, 0);
                    return fb.endTable();
                });
    }

    private void reshape(Layer.Reshape r) {
        int[] newShape = net.tensors().get(r.output()).shape();
        // the shape both as a constant input tensor (what current converters write) and in ReshapeOptions
        int shape = g.tensor(r.name() + "/shape", new int[] {newShape.length}, TfliteGraph.INT32, le(newShape), null);
        g.op(
                "RESHAPE",
                RESHAPE,
                1,
                new int[] {ids[r.input()], shape},
                new int[] {ids[r.output()]},
                RESHAPE_OPTIONS,
                fb -> {
                    int v = TfliteGraph.ints(fb, newShape);
                    fb.startTable(1);
                    fb.addOffset(0, v, 0);
                    return fb.endTable();
                });
    }

    /**
     * Constant weight and bias tensors. {@code channelAxis} is the axis the per-channel scales run along (0 for
     * conv OHWI, 3 for depthwise), -1 for one scale per tensor (fully connected).
     */
    private int[] weightsAndBias(
            String name, int[] shape, float[] w, float[] b, int input, boolean inner, int channelAxis) {
        int channels = b.length;
        if (!quantized()) {
            int wt = g.tensor(name + "/weights", shape, TfliteGraph.FLOAT32, le(w), null);
            int bt = g.tensor(name + "/bias", new int[] {channels}, TfliteGraph.FLOAT32, le(b), null);
            return new int[] {wt, bt};
        }
        QParams in = plan.of(input);
        QuantizedWeights q = inner
                ? QuantizedWeights.inner(w, b, channels, in)
                : QuantizedWeights.outer(w, b, channels, in, channelAxis >= 0);
        int dim = Math.max(channelAxis, 0);
        int wt = g.tensor(
                name + "/weights",
                shape,
                TfliteGraph.INT8,
                q.values(),
                new TfliteGraph.Quant(q.scales(), new long[q.scales().length], dim));
        int bt = g.tensor(
                name + "/bias",
                new int[] {channels},
                TfliteGraph.INT32,
                le(q.bias()),
                new TfliteGraph.Quant(q.biasScales(), new long[q.biasScales().length], 0));
        return new int[] {wt, bt};
    }

    private static TfliteGraph.Quant perTensor(QParams q) {
        return new TfliteGraph.Quant(new float[] {q.scale()}, new long[] {q.zeroPoint()}, 0);
    }

    static byte[] le(float[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        return bb.array();
    }

    static byte[] le(int[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asIntBuffer().put(v);
        return bb.array();
    }
}

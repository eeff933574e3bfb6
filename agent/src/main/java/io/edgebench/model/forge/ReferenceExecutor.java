package io.edgebench.model.forge;

import java.util.SplittableRandom;

/**
 * Runs a forged network in plain Java (NHWC, double accumulators): the oracle the runtimes are tested against and
 * the calibrator that finds activation ranges for int8. Plain loops, no SIMD: seconds for a MobileNet-v2 1.0/224.
 */
public final class ReferenceExecutor {
    private ReferenceExecutor() {}

    /** Values of every tensor of {@code net} for one NHWC input. */
    public static float[][] runAll(Network net, float[] inputNhwc) {
        if (inputNhwc.length != net.inputSpec().size()) {
            throw new IllegalArgumentException("input has [" + inputNhwc.length + "] values, expected "
                    + net.inputSpec().size() + " (NHWC)");
        }
        float[][] values = new float[net.tensors().size()][];
        values[net.input()] = inputNhwc.clone();
        for (Layer layer : net.layers()) {
            if (layer instanceof Layer.Conv c) {
                values[c.output()] =
                        conv(c, values[c.input()], net.tensors().get(c.input()).shape());
            } else if (layer instanceof Layer.Depthwise d) {
                values[d.output()] = depthwise(
                        d, values[d.input()], net.tensors().get(d.input()).shape());
            } else if (layer instanceof Layer.Add a) {
                values[a.output()] = add(values[a.a()], values[a.b()]);
            } else if (layer instanceof Layer.AvgPool p) {
                values[p.output()] =
                        avgPool(values[p.input()], net.tensors().get(p.input()).shape());
            } else if (layer instanceof Layer.Reshape r) {
                values[r.output()] = values[r.input()].clone();
            } else if (layer instanceof Layer.Dense f) {
                values[f.output()] = dense(f, values[f.input()]);
            } else if (layer instanceof Layer.Softmax s) {
                values[s.output()] = softmax(values[s.input()]);
            }
        }
        return values;
    }

    /** The softmax output for one NHWC input. */
    public static float[] run(Network net, float[] inputNhwc) {
        return runAll(net, inputNhwc)[net.output()];
    }

    /**
     * The seeded input every tool uses: uniform in [-1, 1], NHWC order, drawn from SplittableRandom(seed). ONNX
     * inputs are the same values transposed with {@link #nhwcToNchw}.
     */
    public static float[] seededInput(int[] nhwcShape, long seed) {
        int n = 1;
        for (int d : nhwcShape) {
            n *= d;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2.0 - 1.0);
        }
        return v;
    }

    /** [1,H,W,C] to [1,C,H,W]. */
    public static float[] nhwcToNchw(float[] nhwc, int h, int w, int c) {
        float[] out = new float[nhwc.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    out[(ch * h + y) * w + x] = nhwc[(y * w + x) * c + ch];
                }
            }
        }
        return out;
    }

    private static float[] conv(Layer.Conv c, float[] in, int[] inShape) {
        int h = inShape[1];
        int w = inShape[2];
        int cin = c.inChannels();
        int k = c.kernel();
        Padding ph = Padding.same(h, k, c.stride());
        Padding pw = Padding.same(w, k, c.stride());
        float[] out = new float[ph.outSize() * pw.outSize() * c.outChannels()];
        double[] acc = new double[c.outChannels()];
        float[] wt = c.weights();
        for (int oy = 0; oy < ph.outSize(); oy++) {
            for (int ox = 0; ox < pw.outSize(); ox++) {
                for (int o = 0; o < acc.length; o++) {
                    acc[o] = c.bias()[o];
                }
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * c.stride() - ph.before() + ky;
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * c.stride() - pw.before() + kx;
                        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                            continue;
                        }
                        int inOff = (iy * w + ix) * cin;
                        for (int o = 0; o < acc.length; o++) {
                            int wOff = ((o * k + ky) * k + kx) * cin;
                            double s = 0;
                            for (int i = 0; i < cin; i++) {
                                s += in[inOff + i] * wt[wOff + i];
                            }
                            acc[o] += s;
                        }
                    }
                }
                int outOff = (oy * pw.outSize() + ox) * acc.length;
                for (int o = 0; o < acc.length; o++) {
                    out[outOff + o] = activate(acc[o], c.relu6());
                }
            }
        }
        return out;
    }

    private static float[] depthwise(Layer.Depthwise d, float[] in, int[] inShape) {
        int h = inShape[1];
        int w = inShape[2];
        int ch = d.channels();
        int k = d.kernel();
        Padding ph = Padding.same(h, k, d.stride());
        Padding pw = Padding.same(w, k, d.stride());
        float[] out = new float[ph.outSize() * pw.outSize() * ch];
        double[] acc = new double[ch];
        for (int oy = 0; oy < ph.outSize(); oy++) {
            for (int ox = 0; ox < pw.outSize(); ox++) {
                for (int c = 0; c < ch; c++) {
                    acc[c] = d.bias()[c];
                }
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * d.stride() - ph.before() + ky;
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * d.stride() - pw.before() + kx;
                        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                            continue;
                        }
                        int inOff = (iy * w + ix) * ch;
                        int wOff = (ky * k + kx) * ch;
                        for (int c = 0; c < ch; c++) {
                            acc[c] += in[inOff + c] * d.weights()[wOff + c];
                        }
                    }
                }
                int outOff = (oy * pw.outSize() + ox) * ch;
                for (int c = 0; c < ch; c++) {
                    out[outOff + c] = activate(acc[c], d.relu6());
                }
            }
        }
        return out;
    }

    private static float activate(double v, boolean relu6) {
        return (float) (relu6 ? Math.min(6.0, Math.max(0.0, v)) : v);
    }

    private static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static float[] avgPool(float[] in, int[] inShape) {
        int c = inShape[3];
        int pixels = inShape[1] * inShape[2];
        double[] sum = new double[c];
        for (int p = 0; p < pixels; p++) {
            for (int ch = 0; ch < c; ch++) {
                sum[ch] += in[p * c + ch];
            }
        }
        float[] out = new float[c];
        for (int ch = 0; ch < c; ch++) {
            out[ch] = (float) (sum[ch] / pixels);
        }
        return out;
    }

    private static float[] dense(Layer.Dense f, float[] in) {
        float[] out = new float[f.outFeatures()];
        for (int o = 0; o < out.length; o++) {
            double s = f.bias()[o];
            int off = o * f.inFeatures();
            for (int i = 0; i < f.inFeatures(); i++) {
                s += in[i] * f.weights()[off + i];
            }
            out[o] = (float) s;
        }
        return out;
    }

    private static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] out = new float[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (e[i] / sum);
        }
        return out;
    }
}

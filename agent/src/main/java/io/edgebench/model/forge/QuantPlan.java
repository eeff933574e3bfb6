package io.edgebench.model.forge;

import java.util.ArrayList;
import java.util.List;

/**
 * Int8 parameters of every activation tensor, from the ranges the float network reaches on seeded calibration
 * inputs (post-training calibration, min/max). ReLU6 outputs are clipped to [0, 6]; pooling and reshape keep their
 * input's parameters (TFLite's int8 kernels expect that); the softmax output uses TFLite's fixed 1/256, -128.
 */
final class QuantPlan {
    /** Calibration inputs use seeds from this base so they differ from the seeds tests and compare use (1..). */
    static final long CALIBRATION_SEED_BASE = 1_000_000L;

    private final QParams[] activations;
    private final int samples;

    private QuantPlan(QParams[] activations, int samples) {
        this.activations = activations;
        this.samples = samples;
    }

    QParams of(int tensor) {
        return activations[tensor];
    }

    int samples() {
        return samples;
    }

    /** Calibrated on {@code samples} seeded uniform [-1, 1] inputs. */
    static QuantPlan calibrate(Network net, int samples) {
        List<float[]> inputs = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            inputs.add(ReferenceExecutor.seededInput(net.inputSpec().shape(), CALIBRATION_SEED_BASE + s));
        }
        return calibrate(net, inputs);
    }

    /**
     * Calibrated on the given inputs. For networks whose real inputs reach ranges noise does not: uniform noise
     * averages to about 0 over an image, so after a global pool its range is narrow and a solid colour (mean up to
     * +-1) would be clipped.
     */
    static QuantPlan calibrate(Network net, List<float[]> inputs) {
        int n = net.tensors().size();
        double[] min = new double[n];
        double[] max = new double[n];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (float[] input : inputs) {
            float[][] values = ReferenceExecutor.runAll(net, input);
            for (int t = 0; t < n; t++) {
                for (float v : values[t]) {
                    min[t] = Math.min(min[t], v);
                    max[t] = Math.max(max[t], v);
                }
            }
        }
        QParams[] q = new QParams[n];
        q[net.input()] = QParams.ofRange(-1, 1); // the input contract, not what the samples happened to reach
        for (Layer layer : net.layers()) {
            if (layer instanceof Layer.Conv c) {
                q[c.output()] = c.relu6()
                        ? QParams.ofRange(0, Math.min(6, max[c.output()]))
                        : QParams.ofRange(min[c.output()], max[c.output()]);
            } else if (layer instanceof Layer.Depthwise d) {
                q[d.output()] = QParams.ofRange(0, Math.min(6, max[d.output()]));
            } else if (layer instanceof Layer.Add a) {
                q[a.output()] = QParams.ofRange(min[a.output()], max[a.output()]);
            } else if (layer instanceof Layer.AvgPool p) {
                q[p.output()] = q[p.input()];
            } else if (layer instanceof Layer.Reshape r) {
                q[r.output()] = q[r.input()];
            } else if (layer instanceof Layer.Dense f) {
                q[f.output()] = QParams.ofRange(min[f.output()], max[f.output()]);
            } else if (layer instanceof Layer.Softmax s) {
                q[s.output()] = QParams.SOFTMAX;
            }
        }
        return new QuantPlan(q, inputs.size());
    }
}

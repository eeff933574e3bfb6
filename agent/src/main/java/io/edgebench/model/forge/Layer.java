package io.edgebench.model.forge;

/**
 * One operation of a forged network. Tensor references are indices into {@link Network#tensors()}; weights are
 * float arrays in TFLite's layouts (the ONNX writer transposes), batch norm already folded into weights and bias.
 */
public sealed interface Layer {

    String name();

    /** Multiply-accumulates of one inference. */
    long macs(Network net);

    /** Convolution with SAME padding; weights OHWI ([out][kh][kw][in]). */
    record Conv(
            String name,
            int input,
            int output,
            int kernel,
            int stride,
            int inChannels,
            int outChannels,
            float[] weights,
            float[] bias,
            boolean relu6)
            implements Layer {
        public Conv {
            check(weights.length == outChannels * kernel * kernel * inChannels, name, "weights");
            check(bias.length == outChannels, name, "bias");
        }

        @Override
        public long macs(Network net) {
            int[] out = net.tensors().get(output).shape();
            return (long) out[1] * out[2] * outChannels * kernel * kernel * inChannels;
        }
    }

    /** Depthwise convolution (multiplier 1) with SAME padding; weights HWC ([kh][kw][c]) = TFLite's [1,kh,kw,C]. */
    record Depthwise(
            String name,
            int input,
            int output,
            int kernel,
            int stride,
            int channels,
            float[] weights,
            float[] bias,
            boolean relu6)
            implements Layer {
        public Depthwise {
            check(weights.length == kernel * kernel * channels, name, "weights");
            check(bias.length == channels, name, "bias");
        }

        @Override
        public long macs(Network net) {
            int[] out = net.tensors().get(output).shape();
            return (long) out[1] * out[2] * channels * kernel * kernel;
        }
    }

    /** Element-wise residual add, no activation. */
    record Add(String name, int a, int b, int output) implements Layer {
        @Override
        public long macs(Network net) {
            return 0;
        }
    }

    /** Global average pool: [1,H,W,C] to [1,1,1,C]. */
    record AvgPool(String name, int input, int output) implements Layer {
        @Override
        public long macs(Network net) {
            return 0;
        }
    }

    /** [1,1,1,C] to [1,C]. */
    record Reshape(String name, int input, int output) implements Layer {
        @Override
        public long macs(Network net) {
            return 0;
        }
    }

    /** Fully connected; weights [out][in]. */
    record Dense(String name, int input, int output, int inFeatures, int outFeatures, float[] weights, float[] bias)
            implements Layer {
        public Dense {
            check(weights.length == inFeatures * outFeatures, name, "weights");
            check(bias.length == outFeatures, name, "bias");
        }

        @Override
        public long macs(Network net) {
            return (long) inFeatures * outFeatures;
        }
    }

    /** Softmax over the last axis, beta 1. */
    record Softmax(String name, int input, int output) implements Layer {
        @Override
        public long macs(Network net) {
            return 0;
        }
    }

    private static void check(boolean ok, String layer, String what) {
        if (!ok) {
            throw new IllegalArgumentException("layer [" + layer + "] has a " + what + " array of the wrong length");
        }
    }
}

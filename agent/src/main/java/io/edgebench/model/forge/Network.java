package io.edgebench.model.forge;

import java.util.List;

/**
 * A forged network in execution order: tensors (activations only; weights live in the layers) and layers. Input is
 * tensor {@link #input()} with shape [1,H,W,3] and values in [-1, 1]; output is the softmax tensor [1,classes].
 */
public record Network(String name, List<TensorSpec> tensors, List<Layer> layers, int input, int output) {
    public Network {
        tensors = List.copyOf(tensors);
        layers = List.copyOf(layers);
    }

    public TensorSpec inputSpec() {
        return tensors.get(input);
    }

    public TensorSpec outputSpec() {
        return tensors.get(output);
    }

    /** Multiply-accumulates of one inference. */
    public long macs() {
        return layers.stream().mapToLong(l -> l.macs(this)).sum();
    }

    /** Number of weights and biases. */
    public long parameters() {
        long n = 0;
        for (Layer l : layers) {
            if (l instanceof Layer.Conv c) {
                n += c.weights().length + c.bias().length;
            } else if (l instanceof Layer.Depthwise d) {
                n += d.weights().length + d.bias().length;
            } else if (l instanceof Layer.Dense f) {
                n += f.weights().length + f.bias().length;
            }
        }
        return n;
    }
}

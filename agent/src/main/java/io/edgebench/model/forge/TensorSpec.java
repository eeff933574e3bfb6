package io.edgebench.model.forge;

/** An activation tensor of a forged network: its name and TFLite (NHWC, or [1,C]) shape. */
public record TensorSpec(String name, int[] shape) {
    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Channels: the last dimension. */
    public int channels() {
        return shape[shape.length - 1];
    }
}

package io.edgebench.results;

/**
 * How image pixels (0..255) become real values: {@code (pixel - mean) / std} ({@code --input-scale NAME=MEAN,STD}).
 * The real values are then written as the tensor's type: float as is, quantized tensors through their own scale and
 * zero point.
 *
 * @param name the input; null: the model's only input
 */
public record InputScale(String name, double mean, double std) {
    public InputScale {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std == 0) {
            throw new IllegalArgumentException("--input-scale " + InputSource.label(name) + " [" + mean + "," + std
                    + "] must be MEAN,STD with a non-zero STD, e.g. 127.5,127.5 for [-1, 1]");
        }
    }

    /** The default for float and quantized tensors: [-1, 1], MobileNet's, BlazeFace's and the forge's contract. */
    public static final double DEFAULT_MEAN = 127.5;

    public static final double DEFAULT_STD = 127.5;
}

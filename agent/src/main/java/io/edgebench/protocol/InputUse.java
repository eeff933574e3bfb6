package io.edgebench.protocol;

/**
 * Which values an input was fed, as recorded in every result: {@code kind} is {@code seed} (the generated random
 * values of that seed), {@code file} (.npy or .bin), {@code image}, {@code value} or {@code range} (seeded uniform
 * values in [low, high]).
 *
 * @param file the file's name (without its directory: results travel over MQTT)
 * @param sha256 of the file's bytes
 * @param directory the directory's name when the file is one sample of a directory input
 * @param layout image inputs: NHWC or NCHW, as the tensor is
 * @param mean image inputs: pixel mean used ((pixel - mean) / std)
 */
public record InputUse(String kind, String file, String sha256, String directory, Double value, Double low,
        Double high, Long seed, String layout, Double mean, Double std) {

    public static InputUse seed(long seed) {
        return new InputUse("seed", null, null, null, null, null, null, seed, null, null, null);
    }

    public static InputUse value(double value) {
        return new InputUse("value", null, null, null, value, null, null, null, null, null, null);
    }

    public static InputUse range(double low, double high, long seed) {
        return new InputUse("range", null, null, null, null, low, high, seed, null, null, null);
    }

    public static InputUse file(String kind, String file, String sha256, String directory) {
        return new InputUse(kind, file, sha256, directory, null, null, null, null, null, null, null);
    }

    public InputUse withImage(String layout, double mean, double std) {
        return new InputUse(kind, file, sha256, directory, value, low, high, seed, layout, mean, std);
    }
}

package io.edgebench.results;

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
public record InputUse(
        String kind,
        String file,
        String sha256,
        String directory,
        Double value,
        Double low,
        Double high,
        Long seed,
        String layout,
        Double mean,
        Double std) {

    public static InputUse seed(long seed) {
        return kind("seed").seed(seed).build();
    }

    public static InputUse value(double value) {
        return kind("value").value(value).build();
    }

    public static InputUse range(double low, double high, long seed) {
        return kind("range").range(low, high).seed(seed).build();
    }

    public static InputUse file(String kind, String file, String sha256, String directory) {
        return kind(kind).file(file, sha256, directory).build();
    }

    public InputUse withImage(String layout, double mean, double std) {
        Builder b = kind(kind).file(file, sha256, directory).image(layout, mean, std);
        b.value = value;
        b.low = low;
        b.high = high;
        b.seed = seed;
        return b.build();
    }

    private static Builder kind(String kind) {
        Builder b = new Builder();
        b.kind = kind;
        return b;
    }

    /** Sets the fields one kind of source has; the others stay null (left out of the JSON). */
    private static final class Builder {
        private String kind;
        private String file;
        private String sha256;
        private String directory;
        private Double value;
        private Double low;
        private Double high;
        private Long seed;
        private String layout;
        private Double mean;
        private Double std;

        Builder seed(long v) {
            this.seed = v;
            return this;
        }

        Builder value(double v) {
            this.value = v;
            return this;
        }

        Builder range(double lo, double hi) {
            this.low = lo;
            this.high = hi;
            return this;
        }

        Builder file(String name, String digest, String dir) {
            this.file = name;
            this.sha256 = digest;
            this.directory = dir;
            return this;
        }

        Builder image(String l, double m, double s) {
            this.layout = l;
            this.mean = m;
            this.std = s;
            return this;
        }

        InputUse build() {
            return new InputUse(kind, file, sha256, directory, value, low, high, seed, layout, mean, std);
        }
    }
}

package io.edgebench.inputs;

import io.edgebench.model.DType;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.InputPlan;
import io.edgebench.results.InputScale;
import io.edgebench.results.InputSource;
import io.edgebench.results.InputUse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Resolves an {@link InputPlan} against a model's inputs and loads the values of each input it names, in the worker
 * (where the tensors' dtype, shape and quantization are known). Names are checked up front: a name the model does not
 * have, or an unnamed source for a model with several inputs, is an error naming the model's inputs.
 */
public final class InputLoader {
    private final InputPlan plan;
    private final List<TensorInfo> inputs;
    private final long seed;
    private final DirectoryListings listings;

    /**
     * What to write into one input: {@code raw} bytes in the tensor's dtype (little-endian), or {@code real} values
     * that ModelSession.setInput converts (quantizes, rounds). Exactly one is set.
     */
    public record Loaded(ByteBuffer raw, float[] real, InputUse use) {}

    /** {@code seed} is the sample: it seeds ranges, and sample {@code seed} of a directory is its seed-th file. */
    public InputLoader(InputPlan plan, List<TensorInfo> inputs, long seed) {
        this(plan, inputs, seed, new DirectoryListings());
    }

    /** As above, with directories listed through {@code listings}, shared by the loaders of a worker's samples. */
    public InputLoader(InputPlan plan, List<TensorInfo> inputs, long seed, DirectoryListings listings) {
        this.plan = plan == null ? InputPlan.NONE : plan;
        this.inputs = List.copyOf(inputs);
        this.seed = seed;
        this.listings = listings;
        checkNames();
    }

    private void checkNames() {
        Set<String> names = new HashSet<>();
        inputs.forEach(t -> names.add(t.name()));
        List<String> listed = inputs.stream().map(TensorInfo::name).toList();
        for (InputSource s : plan.sources()) {
            if (s.name() == null && inputs.size() != 1) {
                throw new InputException(s.flag() + " has no input name, so it feeds a model's only input, but this"
                        + " model has " + inputs.size() + " inputs " + listed + "; name one: --input " + listed.get(0)
                        + "=" + (s.file() == null ? "FILE" : s.file()));
            }
            if (s.name() != null && !names.contains(s.name())) {
                throw new InputException(s.flag() + " names input [" + s.name() + "], which this model does not have;"
                        + " its inputs are " + listed);
            }
        }
        for (InputScale s : plan.scales()) {
            if (s.name() != null && !names.contains(s.name())) {
                throw new InputException("--input-scale names input [" + s.name() + "], which this model does not"
                        + " have; its inputs are " + listed);
            }
        }
    }

    /** The values for input {@code index} with concrete {@code shape}, or null when the plan has none for it. */
    public Loaded load(int index, List<Long> shape) {
        TensorInfo info = inputs.get(index);
        InputSource source = sourceFor(info.name());
        if (source == null) {
            return null;
        }
        int elements = elements(info.name(), shape);
        return switch (source.kind()) {
            case "value" -> constant(info, elements, source.value());
            case "range" ->
                range(
                        index,
                        info,
                        elements,
                        source.range().low(),
                        source.range().high());
            default -> file(info, shape, elements, source.file());
        };
    }

    private InputSource sourceFor(String name) {
        for (InputSource s : plan.sources()) {
            if (name.equals(s.name()) || (s.name() == null && inputs.size() == 1)) {
                return s;
            }
        }
        return null;
    }

    private InputScale scaleFor(TensorInfo info) {
        for (InputScale s : plan.scales()) {
            if (info.name().equals(s.name()) || (s.name() == null && inputs.size() == 1)) {
                return s;
            }
        }
        boolean rawPixels =
                info.quantization() == null && info.dtype() != DType.FLOAT32 && info.dtype() != DType.FLOAT16;
        // integer tensors without quantization take pixels as they are (0..255)
        return rawPixels
                ? new InputScale(info.name(), 0, 1)
                : new InputScale(info.name(), InputScale.DEFAULT_MEAN, InputScale.DEFAULT_STD);
    }

    private Loaded constant(TensorInfo info, int elements, double v) {
        if (isWholeNumberType(info)) {
            long[] values = new long[elements];
            java.util.Arrays.fill(values, Math.round(v));
            return new Loaded(longs(info.dtype(), values), null, InputUse.value(v));
        }
        float[] real = new float[elements];
        java.util.Arrays.fill(real, (float) v);
        return new Loaded(null, real, InputUse.value(v));
    }

    private Loaded range(int index, TensorInfo info, int elements, double low, double high) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        if (isWholeNumberType(info)) {
            long[] values = new long[elements];
            for (int i = 0; i < elements; i++) {
                values[i] = random.nextLong(Math.round(Math.ceil(low)), Math.round(Math.floor(high)) + 1);
            }
            return new Loaded(longs(info.dtype(), values), null, InputUse.range(low, high, seed));
        }
        float[] real = new float[elements];
        for (int i = 0; i < elements; i++) {
            real[i] = (float) (low + random.nextDouble() * (high - low));
        }
        return new Loaded(null, real, InputUse.range(low, high, seed));
    }

    /** int32/int64 without quantization: written as exact integers (a float would round 2^24 + 1). */
    private static boolean isWholeNumberType(TensorInfo info) {
        return info.quantization() == null && (info.dtype() == DType.INT32 || info.dtype() == DType.INT64);
    }

    private static ByteBuffer longs(DType dtype, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.sizeBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            if (dtype == DType.INT64) {
                b.putLong(v);
            } else {
                b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
            }
        }
        return b.flip();
    }

    private Loaded file(TensorInfo info, List<Long> shape, int elements, Path given) {
        Path file = given;
        String directory = null;
        if (Files.isDirectory(given)) {
            List<Path> samples = listings.samples(given);
            if (seed < 1 || seed > samples.size()) {
                throw new InputException("Input [" + info.name() + "] directory [" + given + "] holds "
                        + samples.size() + " files; sample [" + seed + "] must be 1.." + samples.size()
                        + " (sample k is the k-th file by name; bench uses --seed as the sample)");
            }
            file = samples.get((int) seed - 1);
            directory = String.valueOf(given.getFileName());
        }
        // a class-folder sample is named with its folder ("red/001.png"): the folder is its label
        String name = directory != null && !given.equals(file.getParent())
                ? given.relativize(file).toString()
                : String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) {
            throw new InputException(
                    "Input [" + info.name() + "] file [" + file + "] does not exist or is not a" + " regular file");
        }
        byte[] bytes = InputFiles.read(info.name(), file);
        InputUse use =
                InputUse.file(InputFiles.isImage(file) ? "image" : "file", name, InputFiles.sha256(bytes), directory);
        if (InputFiles.isImage(file)) {
            ImageTensor.Geometry g = ImageTensor.geometry(info.name(), shape);
            InputScale s = scaleFor(info);
            float[] real = ImageTensor.values(info.name(), name, bytes, g, s.mean(), s.std());
            return new Loaded(null, real, use.withImage(g.layout(), s.mean(), s.std()));
        }
        if (InputFiles.isNpy(file)) {
            return new Loaded(npy(info, shape, name, bytes), null, use);
        }
        if (InputFiles.isBin(file)) {
            long expected = (long) elements * info.dtype().sizeBytes();
            if (bytes.length != expected) {
                throw new InputException("Input [" + info.name() + "] file [" + name + "] holds " + bytes.length
                        + " bytes; the tensor takes " + expected + " ("
                        + info.dtype().id() + " " + shape + ", "
                        + elements + " elements of " + info.dtype().sizeBytes() + " bytes, little-endian)");
            }
            return new Loaded(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), null, use);
        }
        throw new InputException("Input [" + info.name() + "] file [" + name + "] has an unknown kind; expected"
                + " .npy, .bin or an image (" + String.join(", ", InputFiles.IMAGE_SUFFIXES) + ")");
    }

    private static ByteBuffer npy(TensorInfo info, List<Long> shape, String name, byte[] bytes) {
        NpyArray a = NpyArray.parse("Input [" + info.name() + "] file [" + name + "]", bytes);
        if (a.dtype() != info.dtype()) {
            throw new InputException("Input [" + info.name() + "] file [" + name + "] holds " + a.descr() + " ("
                    + (a.dtype() == null ? "no tensor type" : a.dtype().id()) + ") values; the tensor takes "
                    + info.dtype().id() + ". Hint: numpy.save(f, a.astype(numpy." + NpyArray.numpyName(info.dtype())
                    + "))");
        }
        if (!a.shape().equals(shape)) {
            throw new InputException("Input [" + info.name() + "] file [" + name + "] has shape " + a.shape()
                    + "; the tensor takes " + shape + " (" + info.dtype().id() + ")");
        }
        return a.data();
    }

    private static int elements(String name, List<Long> shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new InputException("Input [" + name + "] has " + n + " elements; too many to load");
        }
        return (int) n;
    }
}

package io.edgebench.compare;

import io.edgebench.compare.align.LaneOutputs;
import io.edgebench.inputs.InputException;
import io.edgebench.inputs.InputFiles;
import io.edgebench.inputs.NpyArray;
import io.edgebench.model.DType;
import io.edgebench.model.OutputCoding;
import io.edgebench.results.InputPlan;
import io.edgebench.results.InputSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reference outputs (--reference DIR): inputs and the outputs a training framework (or another implementation)
 * produced for them, one file per sample, sample k being the k-th file by name in every folder:
 * <pre>
 * DIR/inputs/           .npy, .bin or images for a model's only input, or inputs/NAME/ per input name
 * DIR/outputs/NAME/     .npy (float32 or float64) per output name; outputs/ itself for a single output
 * </pre>
 * Bounded before anything is read: at most {@link #MAX_SAMPLES} samples, {@link #MAX_FILE_BYTES} per file and
 * {@link #MAX_TOTAL_BYTES} of outputs in all; symbolic links are refused, so every file stays inside DIR.
 */
public final class ReferenceSet {
    static final int MAX_SAMPLES = 10_000;
    static final long MAX_FILE_BYTES = 16L << 20;
    static final long MAX_TOTAL_BYTES = 256L << 20;

    private final Path dir;
    private final InputPlan inputs;
    private final List<String> outputNames;
    private final List<List<Path>> outputFiles;

    private ReferenceSet(Path dir, InputPlan inputs, List<String> outputNames, List<List<Path>> outputFiles) {
        this.dir = dir;
        this.inputs = inputs;
        this.outputNames = List.copyOf(outputNames);
        this.outputFiles = List.copyOf(outputFiles);
    }

    /** Lists DIR and checks its layout, counts and sizes; no output is read yet. */
    public static ReferenceSet open(Path dir) {
        Path in = child(dir, "inputs");
        Path out = child(dir, "outputs");
        List<InputSource> sources = new ArrayList<>();
        List<Path> inputDirs = subdirs(in);
        if (inputDirs.isEmpty()) {
            sources.add(InputSource.file(null, in));
        }
        inputDirs.forEach(d -> sources.add(InputSource.file(d.getFileName().toString(), d)));
        List<Path> outputDirs = subdirs(out);
        List<String> names = new ArrayList<>();
        List<List<Path>> files = new ArrayList<>();
        for (Path d : outputDirs.isEmpty() ? List.of(out) : outputDirs) {
            names.add(outputDirs.isEmpty() ? "reference" : d.getFileName().toString());
            files.add(samples(d, ".npy"));
        }
        int n = files.get(0).size();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).size() != n) {
                throw new InputException("Reference [" + dir + "]: outputs/" + names.get(i) + " holds "
                        + files.get(i).size() + " files but outputs/" + names.get(0) + " " + n + "; sample k is the"
                        + " k-th file by name in every folder, so give every folder the same count");
            }
            for (Path f : files.get(i)) {
                total += size(f);
            }
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new InputException("Reference [" + dir + "] holds " + total + " bytes of outputs; at most "
                    + MAX_TOTAL_BYTES + " are read. Use fewer samples");
        }
        for (Path d : inputDirs.isEmpty() ? List.of(in) : inputDirs) {
            int count = samples(d, null).size();
            if (count != n) {
                throw new InputException("Reference [" + dir + "]: " + dir.relativize(d) + " holds " + count
                        + " input files but the outputs " + n + "; give each sample an input and its outputs");
            }
        }
        return new ReferenceSet(dir, new InputPlan(sources, List.of()), names, files);
    }

    /** The inputs as an input plan (a directory per input: sample k is its k-th file). */
    public InputPlan inputs() {
        return inputs;
    }

    public int samples() {
        return outputFiles.get(0).size();
    }

    public Path dir() {
        return dir;
    }

    /** Reads every output file (each size-checked when listed) as float values, as a lane's outputs. */
    public LaneOutputs outputs() {
        List<List<Long>> shapes = new ArrayList<>();
        List<List<float[]>> samples = new ArrayList<>();
        for (int s = 0; s < samples(); s++) {
            List<float[]> one = new ArrayList<>();
            for (int o = 0; o < outputNames.size(); o++) {
                Path f = outputFiles.get(o).get(s);
                NpyArray a = read(f);
                if (s == 0) {
                    shapes.add(a.shape());
                } else if (!a.shape().equals(shapes.get(o))) {
                    throw new InputException("Reference file [" + dir.relativize(f) + "] has shape " + a.shape()
                            + " but the first sample of output [" + outputNames.get(o) + "] " + shapes.get(o)
                            + "; every sample of an output has one shape");
                }
                one.add(floats(f, a));
            }
            samples.add(one);
        }
        List<OutputCoding> codings = outputNames.stream()
                .map(n -> new OutputCoding(OutputCoding.Kind.FLOAT, DType.FLOAT32, null, null))
                .toList();
        return new LaneOutputs(outputNames, shapes, samples, codings);
    }

    private NpyArray read(Path f) {
        try {
            return NpyArray.parse("Reference file [" + dir.relativize(f) + "]", Files.readAllBytes(f));
        } catch (IOException e) {
            throw new InputException("Reference file [" + dir.relativize(f) + "] cannot be read: " + e, e);
        }
    }

    private float[] floats(Path f, NpyArray a) {
        ByteBuffer b = a.data();
        String descr = a.descr().replace('|', '<');
        if (!descr.equals("<f4") && !descr.equals("<f8")) {
            throw new InputException("Reference file [" + dir.relativize(f) + "] holds " + a.descr() + " values;"
                    + " reference outputs are float32 or float64. Hint: numpy.save(f, y.astype(numpy.float32))");
        }
        float[] out = new float[b.remaining() / (descr.equals("<f4") ? 4 : 8)];
        for (int i = 0; i < out.length; i++) {
            out[i] = descr.equals("<f4") ? b.getFloat() : (float) b.getDouble();
        }
        return out;
    }

    private static Path child(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("Reference [" + dir + "] has no " + name + "/ folder (or it is a symbolic"
                    + " link); expected DIR/inputs/ and DIR/outputs/ (see docs/accuracy.md)");
        }
        return p;
    }

    private static List<Path> subdirs(Path dir) {
        return list(dir).stream()
                .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .toList();
    }

    /** Regular files (no links, no hidden files) of a folder by name; {@code suffix} null: any input kind. */
    private static List<Path> samples(Path dir, String suffix) {
        List<Path> files = list(dir).stream()
                .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .filter(p -> suffix == null
                        || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
                .toList();
        if (files.isEmpty()) {
            throw new InputException(
                    "Reference folder [" + dir + "] holds no " + (suffix == null ? "input" : suffix) + " files");
        }
        files.forEach(ReferenceSet::size);
        return files;
    }

    private static List<Path> list(Path dir) {
        List<Path> all = InputFiles.ownEntries(dir, "reference set");
        if (all.size() > MAX_SAMPLES) {
            throw new InputException("Reference folder [" + dir + "] holds " + all.size() + " entries; at most "
                    + MAX_SAMPLES + " samples are read");
        }
        return all;
    }

    private static long size(Path f) {
        try {
            long bytes = Files.size(f);
            if (bytes > MAX_FILE_BYTES) {
                throw new InputException("Reference file [" + f + "] is " + bytes + " bytes; at most " + MAX_FILE_BYTES
                        + " per sample are read");
            }
            return bytes;
        } catch (IOException e) {
            throw new InputException("Reference file [" + f + "] cannot be read: " + e.getMessage(), e);
        }
    }
}

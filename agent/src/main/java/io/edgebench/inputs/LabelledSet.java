package io.edgebench.inputs;

import io.edgebench.results.InputPlan;
import io.edgebench.results.InputScale;
import io.edgebench.results.InputSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A labelled set (compare --dataset DIR): class folders {@code DIR/<class>/<files>}, a folder named by the class
 * index or, when {@code DIR/labels.txt} exists (line k names class k, the usual TFLite labels file), by a line of it.
 * Sample k is the k-th file of {@link InputFiles#classFolderSamples}, the listing the worker feeds through the
 * {@code --input} rules. Everything is checked when the set is opened, before any lane runs: the sample count, each
 * file's size, each image's dimensions from its header (never decoded here), and no symbolic links.
 */
public final class LabelledSet {
    static final String LABELS_FILE = "labels.txt";
    /** Far above any image a model takes; a bigger file is a mistake (a video, an archive) rather than a sample. */
    static final long MAX_FILE_BYTES = 16L << 20;
    /** ImageNet's labels file is about 10 KB; this is a bound, not a guess. */
    static final long MAX_LABELS_BYTES = 1L << 20;
    /** JPEG metadata segments are at most 64 KiB each; a few of them fit. */
    static final int HEADER_BYTES = 256 << 10;

    private final Path dir;
    private final List<String> classNames;
    private final List<String> files;
    private final int[] labels;
    /** The output the labels are for (--dataset-output); null: chosen by the rule in compare.DatasetAccuracy. */
    private final String output;
    /** How results name the set: the folder as given on the CLI, the set's name on an agent. */
    private final String name;

    private LabelledSet(
            Path dir, List<String> classNames, List<String> files, int[] labels, String output, String name) {
        this.dir = dir;
        this.name = name;
        this.classNames = List.copyOf(classNames);
        this.files = List.copyOf(files);
        this.labels = labels.clone();
        this.output = output;
    }

    /** The same set scored on the output of this name in every model (null: the only output, or by class count). */
    public LabelledSet withOutput(String name) {
        return new LabelledSet(dir, classNames, files, labels, name, this.name);
    }

    /** The same set named {@code shown} in results (an agent's set by its name, not its path on the board). */
    public LabelledSet named(String shown) {
        return new LabelledSet(dir, classNames, files, labels, output, shown);
    }

    /** The set as results name it. */
    public String name() {
        return name;
    }

    /** The output named by --dataset-output, or null. */
    public String output() {
        return output;
    }

    /** Lists and checks DIR; pixels are decoded later, by each lane's worker. */
    public static LabelledSet open(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("--dataset [" + dir + "] is not a folder (or is a symbolic link); expected"
                    + " DIR/<class>/<images> (see docs/accuracy.md)");
        }
        List<String> names = classNames(dir);
        strayFiles(dir);
        List<InputFiles.LabelledFile> samples = InputFiles.classFolderSamples(dir);
        if (samples.isEmpty()) {
            throw new InputException("--dataset [" + dir + "] holds no images in class folders; expected"
                    + " DIR/<class>/<images> (" + String.join(", ", InputFiles.IMAGE_SUFFIXES) + "), <class> a"
                    + " class index or a line of DIR/labels.txt");
        }
        List<String> files = new ArrayList<>();
        int[] labels = new int[samples.size()];
        for (int k = 0; k < samples.size(); k++) {
            InputFiles.LabelledFile s = samples.get(k);
            labels[k] = classIndex(dir, s.folder(), names);
            String rel = dir.relativize(s.file()).toString();
            check(s.file(), rel);
            files.add(rel);
        }
        return new LabelledSet(dir, names, files, labels, null, dir.toString());
    }

    /** The set as the input plan of a model's only input, scaled as {@code --input-scale} says. */
    public InputPlan inputs(List<InputScale> scales) {
        return new InputPlan(List.of(InputSource.file(null, dir)), scales);
    }

    public Path dir() {
        return dir;
    }

    public int samples() {
        return labels.length;
    }

    /** The class index of sample k (0-based). */
    public int label(int k) {
        return labels[k];
    }

    /** The file of sample k relative to DIR ("red/001.png"). */
    public String file(int k) {
        return files.get(k);
    }

    /** The lines of labels.txt (class k is line k); empty without one. */
    public List<String> classNames() {
        return classNames;
    }

    /** The largest class index among the samples. */
    public int maxLabel() {
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max;
    }

    /** A sample of the largest class index, for messages. */
    public String fileOfMaxLabel() {
        int max = maxLabel();
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] == max) {
                return files.get(k);
            }
        }
        return files.get(0);
    }

    private static List<String> classNames(Path dir) {
        Path f = dir.resolve(LABELS_FILE);
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("--dataset [" + dir + "]: " + LABELS_FILE + " is not a regular file (a symbolic"
                    + " link or a folder); expected one class name per line, line k naming class k");
        }
        try {
            long bytes = Files.size(f);
            if (bytes > MAX_LABELS_BYTES) {
                throw new InputException("--dataset [" + dir + "]: " + LABELS_FILE + " is " + bytes + " bytes; at"
                        + " most " + MAX_LABELS_BYTES + " are read (one class name per line)");
            }
            return Files.readAllLines(f).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new InputException("--dataset [" + dir + "]: " + LABELS_FILE + " cannot be read: " + e, e);
        }
    }

    /** An image directly in DIR would make the folder read as a flat input directory: refuse it, naming it. */
    private static void strayFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            Path stray = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && InputFiles.supported(p))
                    .findFirst()
                    .orElse(null);
            if (stray != null) {
                throw new InputException("--dataset [" + dir + "]: [" + stray.getFileName() + "] sits directly in"
                        + " the set; every image goes in the folder of its class, DIR/<class>/"
                        + stray.getFileName());
            }
        } catch (IOException e) {
            throw new InputException("--dataset [" + dir + "] cannot be listed: " + e.getMessage(), e);
        }
    }

    private static int classIndex(Path dir, String folder, List<String> names) {
        if (!names.isEmpty()) {
            int at = folder.isEmpty() ? -1 : names.indexOf(folder);
            if (at < 0) {
                throw new InputException("--dataset [" + dir + "]: class folder [" + folder + "] is not a line of "
                        + LABELS_FILE + " (" + names.size() + " names, e.g. " + examples(names) + "); name each"
                        + " folder exactly as its line (line k is class k), or remove labels.txt and name folders by"
                        + " class index");
            }
            return at;
        }
        try {
            int k = Integer.parseInt(folder);
            if (k >= 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InputException("--dataset [" + dir + "]: class folder [" + folder + "] is not a class index (0, 1,"
                + " ...) and the set has no " + LABELS_FILE + "; name folders by the model's class index, or add"
                + " DIR/" + LABELS_FILE + " with one class name per line (line k is class k)");
    }

    private static String examples(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(3, names.size())));
    }

    /**
     * The first {@link #HEADER_BYTES} of a file: enough for a PNG's or GIF's header and a JPEG's frame header behind
     * its usual metadata, without reading 10,000 whole images twice. A header beyond it is not checked here; the
     * worker checks it again from the whole file before decoding.
     */
    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(HEADER_BYTES);
        }
    }

    /** Size, then the image header's dimensions (a few-hundred-byte PNG can claim 16,000 x 16,000 pixels). */
    private static void check(Path file, String rel) {
        try {
            long bytes = Files.size(file);
            if (bytes > MAX_FILE_BYTES) {
                throw new InputException("--dataset file [" + rel + "] is " + bytes + " bytes; at most "
                        + MAX_FILE_BYTES + " per sample are read. Resize it first: the model takes it resized anyway");
            }
            if (InputFiles.isImage(file)) {
                ImageTensor.checkDimensions("dataset", rel, head(file));
            }
        } catch (IOException e) {
            throw new InputException("--dataset file [" + rel + "] cannot be read: " + e.getMessage(), e);
        }
    }
}

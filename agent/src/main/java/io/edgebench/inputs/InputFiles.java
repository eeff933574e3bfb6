package io.edgebench.inputs;

import io.edgebench.model.Sha256;
import io.edgebench.results.InputPlan;
import io.edgebench.results.InputSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** File kinds an input can come from, directory listings (one sample per file) and their digests. */
public final class InputFiles {
    static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");
    /** A directory input is listed whole (once per worker, DirectoryListings); this bounds what one may hold. */
    static final int MAX_SAMPLES = 10_000;

    private InputFiles() {}

    /** The agent's inputs dir for a models dir: next to it, {@code <models_dir>/../inputs}. */
    public static Path dirNextTo(Path modelsDir) {
        Path abs = modelsDir.toAbsolutePath().normalize();
        return abs.getParent() == null ? abs.resolve("inputs") : abs.resolveSibling("inputs");
    }

    /** Directory inputs of a plan: the number of samples they hold (all the same), or 0 when there is none. */
    public static int directorySamples(InputPlan plan) {
        int n = 0;
        String first = null;
        for (InputSource s : plan.sources()) {
            if (s.file() == null || !Files.isDirectory(s.file())) {
                continue;
            }
            int count = samples(s.file()).size();
            if (first != null && count != n) {
                throw new InputException("directory inputs hold different numbers of files: [" + first + "] " + n
                        + ", [" + s.file() + "] " + count + "; sample k of every directory is its k-th file by name,"
                        + " so give them the same count");
            }
            first = String.valueOf(s.file());
            n = count;
        }
        return n;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
    }

    static boolean isNpy(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    static boolean isBin(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bin");
    }

    static boolean supported(Path p) {
        return isImage(p) || isNpy(p) || isBin(p);
    }

    /**
     * The input files of a directory, sorted by name (hidden files and other kinds left out). A directory that holds
     * no such file but folders is a labelled set's layout: its samples are {@link #classFolderSamples}.
     */
    static List<Path> samples(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(InputFiles::supported)
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            if (files.isEmpty() && !classFolders(dir).isEmpty()) {
                return classFolderSamples(dir).stream().map(LabelledFile::file).toList();
            }
            if (files.isEmpty()) {
                throw new InputException("Input directory [" + dir + "] holds no .npy, .bin or image ("
                        + String.join(", ", IMAGE_SUFFIXES) + ") files");
            }
            if (files.size() > MAX_SAMPLES) {
                throw new InputException("Input directory [" + dir + "] holds " + files.size() + " files; at most "
                        + MAX_SAMPLES + " are used as samples");
            }
            return files;
        } catch (IOException e) {
            throw new InputException("Input directory [" + dir + "] cannot be listed: " + e.getMessage(), e);
        }
    }

    /** One sample of a class-folder directory: the folder it sits in (its label) and the file. */
    public record LabelledFile(String folder, Path file) {}

    /**
     * The samples of a directory of class folders ({@code DIR/<class>/<files>}, docs/accuracy.md): the folders by
     * name, each folder's input files by name. The worker (which feeds sample k) and the labelled set (which knows
     * sample k's label) both list through here, so they cannot disagree on the order. Symbolic links are refused so
     * every file stays inside the directory.
     */
    public static List<LabelledFile> classFolderSamples(Path dir) {
        List<LabelledFile> out = new ArrayList<>();
        for (Path folder : classFolders(dir)) {
            for (Path f : entries(folder)) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && supported(f)) {
                    out.add(new LabelledFile(folder.getFileName().toString(), f));
                }
            }
            if (out.size() > MAX_SAMPLES) {
                throw new InputException("Labelled set [" + dir + "] holds more than " + MAX_SAMPLES + " files; at"
                        + " most " + MAX_SAMPLES + " are used as samples. Use a subset of each class folder");
            }
        }
        return out;
    }

    /** The sub-folders of {@code dir} by name (hidden ones left out); a symbolic link among them is refused. */
    static List<Path> classFolders(Path dir) {
        return entries(dir).stream()
                .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .toList();
    }

    private static List<Path> entries(Path dir) {
        return ownEntries(dir, "labelled set");
    }

    /**
     * A folder's entries by name, hidden ones left out; a symbolic link is refused, naming it, so that nothing of a
     * {@code set} (a labelled set, a reference set) is read from outside its folder.
     */
    public static List<Path> ownEntries(Path dir, String set) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            for (Path p : all) {
                if (Files.isSymbolicLink(p)) {
                    throw new InputException("[" + p + "] is a symbolic link in a " + set + "; a " + set
                            + " holds its own files and folders, so nothing is read from outside it. Copy the file"
                            + " in");
                }
            }
            return all;
        } catch (IOException e) {
            throw new InputException("Folder [" + dir + "] cannot be listed: " + e.getMessage(), e);
        }
    }

    static byte[] read(String input, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException("Input [" + input + "] file [" + file + "] cannot be read: " + e, e);
        }
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}

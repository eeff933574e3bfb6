package io.edgebench.daemon;

import io.edgebench.bench.ModelPaths;
import io.edgebench.compare.AccuracySets;
import io.edgebench.inputs.InputFiles;
import io.edgebench.results.CompareRequest;
import io.edgebench.results.RequestSchema;
import io.edgebench.store.AtomicFiles;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's sets dir, next to the models dir ({@code <models_dir>/../sets}): one folder per set, filled file by
 * file with sets/put (a labelled set's class folders and labels.txt, a reference set's inputs/ and outputs/), named
 * by compare's {@code dataset} and {@code reference} fields. Every path is confined: plain names only (the parser
 * checks), no symbolic link anywhere on the way (a link planted in the dir must not let a request write or read
 * outside it), and a set's file count and bytes are bounded before a new file's first byte is written.
 */
public final class SetStore {
    /** Sets kept at once: a bound on the dir, not a guess at use (delete one with sets/delete). */
    static final int MAX_SETS = 32;

    static final int MAX_FILES_PER_SET = Command.SetsPut.MAX_FILES;
    /** A set's bytes in all: 10,000 images of about 100 KB. */
    static final long MAX_SET_BYTES = 1L << 30;
    /** What a set's compare readers take per file (LabelledSet, ReferenceSet). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private final Path dir;
    private final long maxFileBytes;
    private final ModelUploads uploads;
    /** Each set's files and bytes, read from disk once and kept up to date by puts and deletes. */
    private final Map<String, Usage> usage = new HashMap<>();

    /** One set's size. */
    public record Usage(long files, long bytes) {
        Usage plus(long files, long bytes) {
            return new Usage(this.files + files, this.bytes + bytes);
        }
    }

    /** One line of models/list's "sets". */
    public record Entry(String name, long files, long sizeBytes) {}

    /** @param maxBytes max_model_bytes: no file of a set may be larger than a model may be */
    public SetStore(Path dir, long maxBytes) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxFileBytes = Math.min(maxBytes, MAX_FILE_BYTES);
        Files.createDirectories(this.dir);
        AtomicFiles.removeLeftovers(this.dir);
        this.uploads = new ModelUploads(this.dir, Topics.SETS_PUT, "set file", "flowers");
    }

    /** Where the sets of an agent with this models dir live. */
    public static Path dirFor(Path modelsDir) {
        return InputFiles.dirNextTo(modelsDir).resolveSibling("sets");
    }

    /** Writes one part of a set's file; returns the bytes received so far. */
    public synchronized long put(Command.SetsPut part) throws CommandRejectedException, IOException {
        Path target = confined(Topics.SETS_PUT, part.set(), part.path());
        if (part.part().sizeBytes() > maxFileBytes) {
            throw reject("file [" + part.set() + "/" + part.path() + "] declares size_bytes ["
                    + part.part().sizeBytes()
                    + "], at most " + maxFileBytes + " per file of a set; resize it first (a model takes its input"
                    + " resized anyway)");
        }
        long replaced = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? Files.size(target) : -1;
        if (part.part().offset() == 0) {
            checkRoom(part, replaced);
        }
        Files.createDirectories(target.getParent());
        long received = uploads.write(part.part(), target);
        if (received == part.part().sizeBytes()) {
            Usage u = usage(part.set());
            usage.put(part.set(), replaced < 0 ? u.plus(1, received) : u.plus(0, received - replaced));
        }
        return received;
    }

    /** The folder of set {@code name}, for compare's {@code field}; a missing set or a link is rejected by name. */
    public Path resolve(String verb, String field, String name) throws CommandRejectedException {
        Path set = confined(verb, name, null);
        if (!Files.isDirectory(set, LinkOption.NOFOLLOW_LINKS)) {
            throw new CommandRejectedException(
                    Topics.ERR_NOT_FOUND,
                    "Command [" + verb + "] rejected: field \"" + field + "\" names set [" + name + "], which is not"
                            + " on the agent. Upload it with sets/put (`edgebench send sets/put set=" + name
                            + " dir=PATH` sends a folder), or see models/list (its \"sets\").");
        }
        return set;
    }

    /**
     * The sets compare {@code c} names, opened and checked as the CLI checks its folders (layout, counts, sizes,
     * image headers, classes against the models' outputs), before the job is queued and again before it runs; an
     * error names the set and its files, never the agent's paths, and the request's fields, not the CLI's flags.
     */
    public AccuracySets open(Command.Compare c, List<Path> models, Path modelsDir) throws CommandRejectedException {
        Command.Compare.SetNames n = c.sets();
        Path reference = n.reference() == null ? null : resolve(Topics.COMPARE, "reference", n.reference());
        Path dataset = n.dataset() == null ? null : resolve(Topics.COMPARE, "dataset", n.dataset());
        try {
            AccuracySets sets = AccuracySets.open(reference, dataset, n.datasetOutput(), models);
            return dataset == null
                    ? sets
                    : new AccuracySets(sets.reference(), sets.dataset().named(n.dataset()));
        } catch (RuntimeException e) {
            String message = ModelPaths.hide(ModelPaths.hide(e.getMessage(), dir), modelsDir);
            for (String field : List.of("dataset_output", "dataset", "reference")) {
                message = message.replace(
                        RequestSchema.Voice.CLI.name(CompareRequest.class, field),
                        RequestSchema.Voice.WIRE.name(CompareRequest.class, field));
            }
            throw CommandRejectedException.badRequest(Topics.COMPARE, message, null);
        }
    }

    public synchronized void delete(String name) throws CommandRejectedException, IOException {
        Path set = resolve(Topics.SETS_DELETE, "set", name);
        Files.walkFileTree(
                set,
                new SimpleFileVisitor<>() { // never follows a link: removes the link itself
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
        usage.remove(name);
    }

    public synchronized List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : names()) {
            Usage u = usage(name);
            entries.add(new Entry(name, u.files(), u.bytes()));
        }
        return entries;
    }

    private void checkRoom(Command.SetsPut part, long replaced) throws CommandRejectedException, IOException {
        boolean newSet = !Files.exists(dir.resolve(part.set()), LinkOption.NOFOLLOW_LINKS);
        if (newSet && names().size() >= MAX_SETS) {
            throw reject("the agent holds " + MAX_SETS + " sets already, the most it keeps; delete one with"
                    + " sets/delete before uploading set [" + part.set() + "]");
        }
        Usage u = usage(part.set());
        long files = u.files() + (replaced < 0 ? 1 : 0);
        long bytes = u.bytes() + part.part().sizeBytes() - Math.max(replaced, 0);
        if (files > MAX_FILES_PER_SET || bytes > MAX_SET_BYTES) {
            throw reject("set [" + part.set() + "] would hold " + files + " files and " + bytes + " bytes with ["
                    + part.path() + "]; a set holds at most " + MAX_FILES_PER_SET + " files and " + MAX_SET_BYTES
                    + " bytes. Split it into several sets, or delete it with sets/delete and upload a smaller one");
        }
    }

    private Usage usage(String set) throws IOException {
        Usage u = usage.get(set);
        if (u == null) {
            u = measure(dir.resolve(set));
            usage.put(set, u);
        }
        return u;
    }

    private static Usage measure(Path set) throws IOException {
        if (!Files.isDirectory(set, LinkOption.NOFOLLOW_LINKS)) {
            return new Usage(0, 0);
        }
        long[] counts = new long[2];
        Files.walkFileTree(set, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                counts[0]++;
                counts[1] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return new Usage(counts[0], counts[1]);
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /**
     * dir/set[/path]: names were checked plain by the parser, and no step on the way may be a symbolic link, so the
     * file stays inside the set whatever was planted in the dir.
     */
    private Path confined(String verb, String set, String path) throws CommandRejectedException {
        List<String> steps = new ArrayList<>(List.of(set));
        if (path != null) {
            steps.addAll(List.of(path.split("/")));
        }
        Path at = dir;
        for (int k = 0; k < steps.size(); k++) {
            at = at.resolve(steps.get(k)).normalize();
            if (!at.startsWith(dir) || at.equals(dir)) {
                throw CommandRejectedException.badRequest(
                        verb, "[" + steps.get(k) + "] is not a plain name inside the sets dir", null);
            }
            if (Files.isSymbolicLink(at)) {
                throw CommandRejectedException.badRequest(
                        verb,
                        "[" + dir.relativize(at) + "] is a symbolic link in"
                                + " the agent's sets dir; links are refused, remove it on the board",
                        null);
            }
            // a folder on the way that is a file ("a" of "a/b.png" uploaded as a file before) is the request's
            // mistake, not the disk's
            boolean folder = path != null && k < steps.size() - 1;
            if (folder
                    && Files.exists(at, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                throw CommandRejectedException.badRequest(
                        verb,
                        "[" + dir.relativize(at) + "] is a file in the set, so it cannot hold [" + path + "]; delete"
                                + " the set with sets/delete and upload it again, or choose another path",
                        null);
            }
        }
        return at;
    }

    private static CommandRejectedException reject(String what) {
        return CommandRejectedException.badRequest(Topics.SETS_PUT, what, null);
    }
}

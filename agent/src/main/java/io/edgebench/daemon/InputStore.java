package io.edgebench.daemon;

import io.edgebench.inputs.InputFiles;
import io.edgebench.results.InputPlan;
import io.edgebench.results.InputSource;
import io.edgebench.store.AtomicFiles;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's inputs dir, next to the models dir ({@code <models_dir>/../inputs}): files uploaded with inputs/put
 * (.npy, .bin, images) that bench and compare requests name in their input fields. Names are plain file names
 * confined to the dir; symbolic links are refused (a link planted in the dir must not let a request read any file
 * the agent can); puts are size- and sha256-checked and atomic, bounded by max_model_bytes.
 */
public final class InputStore {
    private final Path dir;
    private final long maxBytes;
    private final ModelUploads uploads;

    public InputStore(Path dir, long maxBytes) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        Files.createDirectories(this.dir);
        AtomicFiles.removeLeftovers(this.dir);
        this.uploads = new ModelUploads(this.dir, Topics.INPUTS_PUT, "input", "cat.png");
    }

    /**
     * Writes one part of an input upload, exactly as models/put parts (hidden partial file, sha256 checked by the
     * last part, atomic rename); returns the bytes received so far.
     */
    public long put(io.edgebench.wire.Command.ModelsPut part) throws CommandRejectedException, IOException {
        return uploads.put(part, maxBytes);
    }

    /** Where the inputs of an agent with this models dir live. */
    public static Path dirFor(Path modelsDir) {
        return InputFiles.dirNextTo(modelsDir);
    }

    public Path dir() {
        return dir;
    }

    public List<ModelStore.Entry> list() throws IOException {
        List<ModelStore.Entry> entries = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".")) {
                    entries.add(new ModelStore.Entry(
                            name,
                            Files.size(p),
                            Files.getLastModifiedTime(p).toInstant().toString()));
                }
            }
        }
        return entries;
    }

    /** The plan with every file resolved inside the inputs dir; a missing file or a link is rejected by name. */
    public InputPlan resolve(String verb, InputPlan plan) throws CommandRejectedException {
        List<InputSource> out = new ArrayList<>();
        for (InputSource s : plan.sources()) {
            if (s.file() == null) {
                out.add(s);
                continue;
            }
            String name = s.file().toString();
            Path p = uploads.confined(verb, name);
            if (Files.isSymbolicLink(p)) {
                throw CommandRejectedException.badRequest(
                        verb,
                        "input file [" + name + "] is a symbolic link in the"
                                + " agent's inputs dir; links are refused. Upload the file itself with inputs/put",
                        null);
            }
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandRejectedException(
                        Topics.ERR_NOT_FOUND,
                        "Command [" + verb + "] rejected: input file ["
                                + name
                                + "] is not in the agent's inputs dir. Upload it with inputs/put, or see models/list"
                                + " (its \"inputs\").");
            }
            out.add(InputSource.file(s.name(), p));
        }
        return new InputPlan(out, plan.scales());
    }
}

package io.edgebench.daemon;

import io.edgebench.model.Sha256;
import io.edgebench.store.AtomicFiles;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's models dir. Commands name models by plain file name only (CommandParser enforces that; this class
 * checks again, so no caller can escape the directory); puts are size- and sha256-checked and atomic.
 */
public final class ModelStore {
    /** One entry of models/list. */
    public record Entry(String name, long sizeBytes, String modifiedTs) {}

    private final Path dir;
    private final long maxModelBytes;
    private final ModelUploads uploads;

    public ModelStore(Path dir, long maxModelBytes) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxModelBytes = maxModelBytes;
        Files.createDirectories(this.dir);
        AtomicFiles.removeLeftovers(this.dir);
        this.uploads = new ModelUploads(this.dir, Topics.MODELS_PUT, "model", "m.tflite");
    }

    public Path dir() {
        return dir;
    }

    public long maxModelBytes() {
        return maxModelBytes;
    }

    /** The path of an existing model, or not_found naming what is there. */
    public Path resolve(String verb, String name) throws CommandRejectedException {
        Path p = uploads.confined(verb, name);
        if (Files.isSymbolicLink(p)) {
            // A link could point anywhere readable (inspect would leak the first bytes of any file): refuse it.
            throw new CommandRejectedException(
                    Topics.ERR_NOT_FOUND,
                    "Command [" + verb + "] rejected: model ["
                            + name + "] is a symbolic link; the agent only uses regular files inside its models dir."
                            + " Upload the model with models/put instead.");
        }
        if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CommandRejectedException(
                    Topics.ERR_NOT_FOUND,
                    "Command [" + verb + "] rejected: model [" + name
                            + "] is not in the agent's models dir. Upload it with models/put, or see models/list.");
        }
        return p;
    }

    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".")) {
                    entries.add(new Entry(
                            name,
                            Files.size(p),
                            Files.getLastModifiedTime(p).toInstant().toString()));
                }
            }
        }
        return entries;
    }

    /** Writes a model atomically after checking its size and sha256; replaces an existing file of that name. */
    public void put(String name, long sizeBytes, String sha256, byte[] data)
            throws CommandRejectedException, IOException {
        put(new io.edgebench.wire.Command.ModelsPut(name, sizeBytes, sha256, 0, data));
    }

    /**
     * Writes one part of an upload (see {@link ModelUploads}); the last part checks the sha256 and moves the model
     * into place atomically. Returns the bytes received so far.
     */
    public long put(io.edgebench.wire.Command.ModelsPut part) throws CommandRejectedException, IOException {
        return uploads.put(part, maxModelBytes);
    }

    public void delete(String name) throws CommandRejectedException, IOException {
        Path p = resolve(Topics.MODELS_DELETE, name);
        Files.delete(p);
        AtomicFiles.syncDir(dir);
    }

    public static String sha256(byte[] data) {
        return Sha256.hex(data);
    }
}

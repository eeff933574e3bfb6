package io.edgebench.daemon;

import io.edgebench.model.Sha256;
import io.edgebench.store.AtomicFiles;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandRejectedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * models/put in parts: each part is written at its offset into a hidden partial file
 * ({@code .upload-<sha256>-<name>.part}, invisible to models/list and unreachable by name); the part that reaches
 * size_bytes triggers a streamed sha256 check and an atomic rename. Memory per part is bounded by the parser's
 * MAX_PART_BYTES, never by the model's size. A part may be sent again (lost reply): writing at an offset at or
 * below what was received truncates there, so an upload resumes; a gap is rejected naming the offset expected.
 */
final class ModelUploads {
    /** Partial uploads kept at once; starting another drops the oldest (a client that gave up leaves no trace). */
    static final int MAX_PARTIAL_UPLOADS = 2;
    /** Partial files untouched for this long are removed at start. */
    static final Duration STALE_AFTER = Duration.ofHours(24);

    private static final String PREFIX = ".upload-";
    private static final String SUFFIX = ".part";

    private final Path dir;
    private final String verb;
    private final String noun;
    private final String example;

    /**
     * Uploads for {@code verb} (models/put, inputs/put, sets/put), whose errors name the file a {@code noun} and
     * show {@code exampleName} as a plain name.
     */
    ModelUploads(Path dir, String verb, String noun, String exampleName) throws IOException {
        this.dir = dir;
        this.verb = verb;
        this.noun = noun;
        this.example = "{\"name\":\"" + exampleName + "\"}";
        removeStale();
    }

    /**
     * Writes a part of a file straight in this dir: a plain name, at most {@code maxBytes}, never over a symbolic
     * link (one planted there would let the upload write wherever the agent may). Returns the bytes received.
     */
    long put(Command.ModelsPut part, long maxBytes) throws CommandRejectedException, IOException {
        Path p = confined(verb, part.name());
        if (part.sizeBytes() > maxBytes) {
            throw CommandRejectedException.badRequest(
                    verb,
                    noun + " [" + part.name() + "] declares size_bytes [" + part.sizeBytes() + "], limit " + maxBytes
                            + " (max_model_bytes)",
                    null);
        }
        if (Files.isSymbolicLink(p)) {
            throw CommandRejectedException.badRequest(
                    verb,
                    noun + " [" + part.name() + "] is a symbolic link in the " + noun + "s dir; links are refused:"
                            + " remove it on the board",
                    null);
        }
        return write(part, p);
    }

    /** {@code name} straight in this dir, or bad_request: a plain file name, nothing that climbs out. */
    Path confined(String verb, String name) throws CommandRejectedException {
        Path p = dir.resolve(name).normalize();
        if (name.isEmpty()
                || name.startsWith(".")
                || name.contains("/")
                || name.contains("\\")
                || !dir.equals(p.getParent())) {
            throw CommandRejectedException.badRequest(
                    verb,
                    noun + " name [" + name + "] must be a plain file name inside the " + noun + "s dir",
                    example);
        }
        return p;
    }

    /** Writes one part; returns the bytes received so far (== size_bytes once the model is in place). */
    synchronized long write(Command.ModelsPut p, Path target) throws CommandRejectedException, IOException {
        Path part = dir.resolve(PREFIX + p.sha256() + "-" + flat(p.name()) + SUFFIX);
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (p.offset() > have) {
            throw CommandRejectedException.badRequest(
                    verb,
                    "part of " + noun + " [" + p.name() + "] at offset ["
                            + p.offset() + "] leaves a gap: " + have + " bytes received so far, send offset " + have
                            + " next (or 0 to start over)",
                    null);
        }
        if (p.offset() == 0 && !Files.exists(part)) {
            makeRoom();
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(p.offset());
            ByteBuffer buf = ByteBuffer.wrap(p.data());
            long pos = p.offset();
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            if (p.last()) {
                ch.force(true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(part); // disk full or read-only: nothing half-written stays behind
            throw e;
        }
        long received = p.offset() + p.data().length;
        if (p.last()) {
            finish(p, part, target);
        }
        return received;
    }

    /**
     * The partial file's name part: a plain name as is; a set's "set/class/file" (up to 4 names, too long for one
     * file name) by its hash, which with the content's sha256 still tells uploads apart.
     */
    private static String flat(String name) {
        return name.contains("/")
                ? Sha256.hex(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .substring(0, 16)
                : name;
    }

    private void finish(Command.ModelsPut p, Path part, Path target) throws CommandRejectedException, IOException {
        String actual = Sha256.hex(part);
        if (!actual.equals(p.sha256())) {
            Files.deleteIfExists(part);
            throw CommandRejectedException.badRequest(
                    verb,
                    noun + " [" + p.name() + "] sha256 is " + actual
                            + " but the request declared [" + p.sha256() + "] (corrupted or truncated upload? the parts"
                            + " received were discarded; send it again from offset 0)",
                    null);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.syncDir(dir);
    }

    private void makeRoom() throws IOException {
        List<Path> parts = partials();
        for (int i = 0; i + MAX_PARTIAL_UPLOADS <= parts.size(); i++) {
            Files.deleteIfExists(parts.get(i));
        }
    }

    private void removeStale() throws IOException {
        Instant cutoff = Instant.now().minus(STALE_AFTER);
        for (Path p : partials()) {
            if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Partial files, oldest first. */
    private List<Path> partials() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                            && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(ModelUploads::modified))
                    .toList();
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}

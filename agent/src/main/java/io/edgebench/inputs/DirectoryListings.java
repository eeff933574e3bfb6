package io.edgebench.inputs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sample files of each directory input, listed on first use and kept. Sample k of a directory is its k-th file,
 * so a worker that built each sample's {@link InputLoader} with a fresh listing read the whole directory once per
 * sample: N² entries for N files, slow at 10 000 images. A worker holds one of these for its request and hands it to
 * every loader. Not thread-safe: one worker fills inputs from one thread.
 */
public final class DirectoryListings {
    private final Function<Path, List<Path>> lister;
    private final Map<Path, List<Path>> listed = new HashMap<>();

    public DirectoryListings() {
        this(InputFiles::samples);
    }

    /** Tests count the listings through {@code lister}. */
    DirectoryListings(Function<Path, List<Path>> lister) {
        this.lister = lister;
    }

    /**
     * {@link InputFiles#samples} of {@code dir}, listed the first time it is asked for. A listing that fails is not
     * kept, so every sample fails with the same error, as before.
     */
    List<Path> samples(Path dir) {
        return listed.computeIfAbsent(dir, lister);
    }
}

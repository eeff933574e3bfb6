package io.edgebench.inputs;

/** {@link DirectoryListings} that count how often a directory is really listed, for tests in any package. */
public final class CountedListings {
    private int listed;
    public final DirectoryListings listings = new DirectoryListings(dir -> {
        listed++;
        return InputFiles.samples(dir);
    });

    /** How many times a directory was listed, over all directories. */
    public int listed() {
        return listed;
    }
}

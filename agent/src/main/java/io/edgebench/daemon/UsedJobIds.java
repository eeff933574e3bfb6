package io.edgebench.daemon;

import io.edgebench.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Every job id this agent accepted, so a client's job_id is never accepted twice (two different results under one
 * id would be dropped by consumers that de-duplicate by job_id). Persisted as one id per line in
 * {@code <data_dir>/jobs/used-job-ids}, appended and fsynced on each accept; bounded to the last {@link #CAPACITY}
 * ids (the file is compacted when it holds twice that), so the oldest ids may be reused after 10,000 newer jobs.
 */
final class UsedJobIds {
    static final int CAPACITY = 10_000;
    private final Path file;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    private int lines;

    UsedJobIds(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String id = line.strip();
                if (!id.isEmpty()) {
                    ids.remove(id); // re-insert at the end: most recent order
                    ids.add(id);
                    lines++;
                }
            }
            trim();
        }
    }

    synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    /** Records an id durably before the job is accepted. */
    synchronized void add(String id) throws IOException {
        Files.write(
                file,
                (id + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE,
                StandardOpenOption.DSYNC);
        ids.add(id);
        lines++;
        trim();
        if (lines > 2 * CAPACITY) {
            AtomicFiles.write(file, (String.join("\n", ids) + "\n").getBytes(StandardCharsets.UTF_8));
            lines = ids.size();
        }
    }

    private void trim() {
        Iterator<String> oldest = ids.iterator();
        while (ids.size() > CAPACITY) {
            oldest.next();
            oldest.remove();
        }
    }
}

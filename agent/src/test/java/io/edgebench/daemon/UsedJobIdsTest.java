package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persisted set of accepted job ids: read back in most-recent order, bounded to the newest ids. */
class UsedJobIdsTest {
    @TempDir
    Path dir;

    @Test
    void load_idWithSurroundingSpaceSeenTwice_keepsItAsMostRecent() throws Exception {
        Path file = dir.resolve("used-job-ids");
        StringBuilder lines = new StringBuilder("old \n");
        for (int i = 0; i < UsedJobIds.CAPACITY - 1; i++) {
            lines.append("job-").append(i).append('\n');
        }
        lines.append(" old\n"); // the same id again, newest: it must not be evicted as the oldest
        lines.append("one-more\n");
        Files.writeString(file, lines, StandardCharsets.UTF_8);

        UsedJobIds ids = new UsedJobIds(file);

        assertTrue(ids.contains("old"));
        assertFalse(ids.contains("job-0"));
        assertTrue(ids.contains("one-more"));
    }
}

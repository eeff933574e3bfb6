package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerArchiveTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty(WorkerArchive.DIR_PROPERTY);
    }

    @Test
    void of_rebuiltJar_getsAnotherArchive_soAStaleOneIsNeverMapped() throws Exception {
        System.setProperty(WorkerArchive.DIR_PROPERTY, tmp.resolve("cds").toString());
        Path jar = Files.writeString(tmp.resolve("edgebench.jar"), "v1");
        Path java = Path.of("/usr/bin/java");
        WorkerArchive first = WorkerArchive.of(java, jar.toString()).orElseThrow();
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        WorkerArchive rebuilt = WorkerArchive.of(java, jar.toString()).orElseThrow();
        assertNotEquals(first.file(), rebuilt.file());
        assertEquals(tmp.resolve("cds"), rebuilt.file().getParent());
    }

    @Test
    void useArgs_emptyUntilCommitted_thenMapsTheArchive_andCommitDeletesOlderOnes() throws Exception {
        System.setProperty(WorkerArchive.DIR_PROPERTY, tmp.resolve("cds").toString());
        Path jar = Files.writeString(tmp.resolve("edgebench.jar"), "v1");
        WorkerArchive a =
                WorkerArchive.of(Path.of("/usr/bin/java"), jar.toString()).orElseThrow();
        assertEquals(List.of(), a.useArgs());
        String jarId = a.file().getFileName().toString().substring(0, "worker-".length() + 8);
        Path old = Files.writeString(
                Files.createDirectories(tmp.resolve("cds")).resolve(jarId + "-000000000000.jsa"),
                "an older build of the same jar");
        Path otherJar = Files.writeString(tmp.resolve("cds").resolve("worker-ffffffff-000000000000.jsa"), "demo jar");
        Path temp = a.temporary();
        Files.writeString(temp, "archive bytes");
        a.commit(temp);
        assertTrue(
                a.useArgs().contains("-XX:SharedArchiveFile=" + a.file()),
                a.useArgs().toString());
        assertFalse(Files.exists(old), "archive of an older build of the jar is deleted");
        assertTrue(Files.exists(otherJar), "another jar's archive stays");
        assertFalse(Files.exists(temp));
    }

    @Test
    void of_offOrClassFolders_disablesArchives() throws Exception {
        Path jar = Files.writeString(tmp.resolve("edgebench.jar"), "v1");
        System.setProperty(WorkerArchive.DIR_PROPERTY, "off");
        assertTrue(WorkerArchive.of(Path.of("/usr/bin/java"), jar.toString()).isEmpty());
        System.setProperty(WorkerArchive.DIR_PROPERTY, tmp.toString());
        assertTrue(WorkerArchive.of(Path.of("/usr/bin/java"), tmp.toString()).isEmpty(), "a class folder");
        assertTrue(
                WorkerArchive.of(Path.of("/usr/bin/java"), jar + File.pathSeparator + jar)
                        .isEmpty(),
                "several entries");
    }
}

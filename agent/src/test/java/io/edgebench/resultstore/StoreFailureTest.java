package io.edgebench.resultstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.json.Json;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.resultstore.ResultStore.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Store failures on a real SQLite file (issue 21): classified, quarantined, never a commit into a lost file. */
class StoreFailureTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void sqliteFileDeleted_commitIntoTheOldFileIsNotDurable_thenTheNewFileTakesIt() throws Exception {
        Path file = tmp.resolve("r.db");
        try (ResultStore s = ResultStore.open(url(file))) {
            assertTrue(s.store(result("j1")));
            Files.delete(file);
            StoreException e = assertThrows(StoreException.class, () -> s.store(result("j2")));
            assertEquals(FailureKind.TRANSIENT, e.kind());
            assertTrue(e.getMessage().contains("was deleted while the collector wrote to it"), e.getMessage());
            assertTrue(s.store(result("j2")), "the retry goes to a new file at the same path");
            assertEquals(List.of("pi4-lab/j2#1"), s.keys());
        }
        try (ResultStore again = ResultStore.open(url(file))) {
            assertEquals(List.of("pi4-lab/j2#1"), again.keys(), "durable in the file at the path");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void lockedByAnotherConnection_isTransient_andStoresOnceReleased() throws Exception {
        Path file = tmp.resolve("r.db");
        try (ResultStore s = ResultStore.open(url(file));
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
            }
            StoreException e = assertThrows(StoreException.class, () -> s.store(result("j1")));
            assertEquals(FailureKind.TRANSIENT, e.kind(), e.getMessage());
            try (Statement st = other.createStatement()) {
                st.execute("COMMIT");
            }
            assertTrue(s.store(result("j1")));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void poison_isQuarantinedOnce_withRawBytesTopicAndReason() throws Exception {
        roundTripQuarantine(url(tmp.resolve("r.db")));
    }

    /** Also run on PostgreSQL (PostgresStoreTest): BYTEA and the NUL-free text columns. */
    static void roundTripQuarantine(DatabaseUrl url) throws Exception {
        try (ResultStore s = ResultStore.open(url)) {
            for (PoisonMessages.Poison p : PoisonMessages.results("lab9", 10)) {
                Quarantined q = new Quarantined(p.topic(), p.payload(), p.reason(), "why\0 it failed", 1_000);
                assertTrue(s.quarantine(q), p.topic());
                assertFalse(s.quarantine(q), "a redelivered copy is not kept twice");
                assertEquals(List.of(p.reason().code()), s.quarantined(p.topic()));
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void concurrentStarts_onOneNewSqliteFile_allMigrateAndOpen() throws Exception {
        DatabaseUrl url = url(tmp.resolve("new.db"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> opens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                opens.add(pool.submit((Callable<List<String>>) () -> {
                    try (ResultStore s = ResultStore.open(url)) {
                        s.store(result("j" + n));
                        return s.keys();
                    }
                }));
            }
            for (Future<List<String>> f : opens) {
                assertFalse(f.get(2, TimeUnit.MINUTES).isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
        try (ResultStore s = ResultStore.open(url)) {
            assertEquals(4, s.keys().size());
        }
    }

    @Test
    void openExisting_missingSqliteFile_isAnErrorAndCreatesNothing() {
        Path typo = tmp.resolve("resluts.db");
        StoreException e = assertThrows(StoreException.class, () -> ResultStore.openExisting(url(typo)));
        assertEquals(FailureKind.PERMANENT, e.kind());
        assertTrue(
                e.getMessage()
                        .startsWith("Database file [" + typo + "] of --db [jdbc:sqlite:" + typo
                                + "] does not exist (a typo?"),
                e.getMessage());
        assertFalse(Files.exists(typo));
    }

    @Test
    void databaseUrl_secretsMasked_inItsTextAndInErrors() {
        DatabaseUrl u = DatabaseUrl.of("jdbc:postgresql://db:5432/e?user=eb&password=hunter22&ssl=true", null, null);
        assertEquals("jdbc:postgresql://db:5432/e?user=eb&password=****&ssl=true", u.toString());
        assertEquals(
                "Connection to jdbc:postgresql://db:5432/e?user=eb&password=****&ssl=true refused; ****?",
                u.redact("Connection to " + u.jdbcUrl() + " refused; hunter22?"));
        DatabaseUrl info = DatabaseUrl.of("jdbc:postgresql://eb:s3cret@db/e", "eb", "other-secret");
        assertEquals("jdbc:postgresql://eb:****@db/e user=eb password=****", info.toString());
        assertEquals("bad other-**** and ****", info.redact("bad other-other-secret and s3cret"));
    }

    private static DatabaseUrl url(Path file) {
        return DatabaseUrl.of("jdbc:sqlite:" + file, null, null);
    }

    private static ResultMessage result(String job) throws Exception {
        var m = ResultFixtures.bench("pi4-lab", job, Board.PI4, "tflite", "xnnpack", 1, false);
        return ResultMessage.parse("pi4-lab", job, Json.mapper().writeValueAsBytes(m), 1_000);
    }
}

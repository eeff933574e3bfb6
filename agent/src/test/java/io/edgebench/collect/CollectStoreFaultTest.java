package io.edgebench.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.resultstore.ResultQuery;
import io.edgebench.resultstore.ResultStore;
import io.edgebench.resultstore.StoredResult;
import io.edgebench.testkit.CliProcess;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21 on mosquitto and SQLite: the collector as a child JVM against store faults, poison and impostors. */
@Tag("slow")
class CollectStoreFaultTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sqliteLocked30s_whileResultsFlow_allStoredOnce_noRestart() throws Exception {
        DatabaseUrl db = sqlite();
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            StoreFaultScenarios.outageWhileResultsFlow(broker.url(), db, tmp, new ExclusiveLock(db));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void poisonRetainedStatusesAndResults_quarantined_validOnesStored() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            StoreFaultScenarios.poisonThenValid(broker.url(), sqlite(), tmp);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void lockedPastMaxStoreWait_exits69_andLosesNothing() throws Exception {
        DatabaseUrl db = sqlite();
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            StoreFaultScenarios.givesUpPastTheBound(broker.url(), db, tmp, new ExclusiveLock(db));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sqliteFileDeleted_whileCollecting_laterResultsLandInTheFileAtThePath() throws Exception {
        DatabaseUrl db = sqlite();
        Path file = tmp.resolve("results.db");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                CollectorProcess c = new CollectorProcess(tmp, broker.url(), db.jdbcUrl(), "collect-a", null);
                FleetPublisher agents = new FleetPublisher(broker.url())) {
            c.start();
            for (int i = 0; i < 10; i++) {
                agents.publish(i);
            }
            List<String> before = StoreFaultScenarios.awaitAll(db, agents.expected(), c);
            Files.delete(file);
            for (int i = 100; i < 110; i++) {
                agents.publish(i);
            }
            List<String> expected = new ArrayList<>(agents.expected());
            expected.removeAll(before); // the deleted file took those with it
            Awaitility.await("the collector noticed")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> c.count("was deleted while the collector wrote to it") > 0);
            try (ResultStore store = ResultStore.open(db)) {
                Awaitility.await("the later results in the new file")
                        .atMost(Duration.ofSeconds(120))
                        .until(() -> store.keys().containsAll(expected));
                // republished earlier results (an outbox does that) may land there too; nothing unpublished does
                assertTrue(agents.expected().containsAll(store.keys()), store.keys() + "\n" + c.log());
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void threeCollectorsStartingTogether_onANewSqliteFile_allRun() throws Exception {
        DatabaseUrl db = sqlite();
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            List<CollectorProcess> cs = List.of(
                    new CollectorProcess(tmp, broker.url(), db.jdbcUrl(), "c1", "g"),
                    new CollectorProcess(tmp, broker.url(), db.jdbcUrl(), "c2", "g"),
                    new CollectorProcess(tmp, broker.url(), db.jdbcUrl(), "c3", "g"));
            try {
                List<Thread> starts = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (CollectorProcess c : cs) {
                    Thread t = new Thread(() -> {
                        try {
                            c.start();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    t.start();
                    starts.add(t);
                }
                for (Thread t : starts) {
                    t.join(120_000);
                }
                assertEquals(List.of(), failures, "every collector subscribed (none exited 69 in the migration)");
            } finally {
                for (CollectorProcess c : cs) {
                    c.close();
                }
            }
        }
    }

    /**
     * A result published on another board's topic claiming "device_id":"lab1" is stored and reported as the
     * topic's device, flagged; lab1's own results stay lab1's. And `report`'s clear exits.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void impostorResult_isTheTopicsDevice_inStoreAndReport() throws Exception {
        DatabaseUrl db = sqlite();
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                CollectorProcess c = new CollectorProcess(tmp, broker.url(), db.jdbcUrl(), "collect-a", null);
                StoreFaultScenarios.Publisher p = new StoreFaultScenarios.Publisher(broker.url())) {
            c.start();
            var fake = ResultFixtures.bench("lab1", "x", Board.PI5, "tflite", "xnnpack", 9, false);
            var real = ResultFixtures.bench("lab1", "r1", Board.PI4, "tflite", "xnnpack", 1, false);
            p.send("edgebench/evil/result/x", fake.toString().getBytes(StandardCharsets.UTF_8), false);
            p.send(Topics.result("lab1", "r1"), real.toString().getBytes(StandardCharsets.UTF_8), false);
            Awaitility.await("both stored").atMost(Duration.ofSeconds(60)).until(() -> c.count("event=stored") >= 2);
            assertEquals(
                    1,
                    c.count("collect event=identity_mismatch device_id=evil job_id=x claimed_device_id=lab1"),
                    c.log());
            try (ResultStore store = ResultStore.open(db)) {
                List<StoredResult> lab1 = store.query(new ResultQuery(null, "lab1", null));
                assertEquals(
                        List.of("r1"), lab1.stream().map(StoredResult::jobId).toList());
                List<StoredResult> evil = store.query(new ResultQuery(null, "evil", null));
                assertEquals("lab1", evil.get(0).claimedDeviceId());
            }
            CliProcess report = CliProcess.run(
                    tmp,
                    "report",
                    "--db",
                    db.jdbcUrl(),
                    "--device",
                    "lab1",
                    "-o",
                    tmp.resolve("lab1.html").toString());
            assertEquals(0, report.exit(), report.output());
            assertTrue(report.output().contains("report: 1 result(s)"), report.output());
            CliProcess all = CliProcess.run(
                    tmp,
                    "report",
                    "--db",
                    db.jdbcUrl(),
                    "-o",
                    tmp.resolve("all.html").toString());
            assertTrue(
                    all.output().contains("result [evil/x] claims device_id [lab1] in its payload; shown as [evil]"),
                    all.output());
        }
        CliProcess typo = CliProcess.run(
                tmp,
                "report",
                "--db",
                "jdbc:sqlite:" + tmp.resolve("reslts.db"),
                "-o",
                tmp.resolve("t.html").toString());
        assertEquals(64, typo.exit(), typo.output());
        assertTrue(typo.output().contains("does not exist (a typo?"), typo.output());
        assertFalse(Files.exists(tmp.resolve("reslts.db")), "no database created for a mistyped path");
        CliProcess since = CliProcess.run(
                tmp,
                "report",
                "--db",
                db.jdbcUrl(),
                "--since",
                "9999999999999d",
                "-o",
                tmp.resolve("s.html").toString());
        assertEquals(64, since.exit(), since.output());
        assertTrue(since.output().contains("--since [9999999999999d] is out of range"), since.output());
    }

    private DatabaseUrl sqlite() {
        return DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("results.db"), null, null);
    }

    /**
     * Makes a SQLite file unwritable for everyone, root included (chmod does not stop root): another connection
     * holds an exclusive transaction, so every writer gets SQLITE_BUSY after its busy timeout.
     */
    static final class ExclusiveLock implements CollectScenarios.DatabaseControl {
        private final DatabaseUrl db;
        private Connection held;

        ExclusiveLock(DatabaseUrl db) {
            this.db = db;
        }

        @Override
        public void stop() throws Exception {
            held = DriverManager.getConnection(db.jdbcUrl());
            try (Statement s = held.createStatement()) {
                s.execute("PRAGMA busy_timeout=30000");
                s.execute("BEGIN EXCLUSIVE");
            }
        }

        @Override
        public void start() throws Exception {
            try (Statement s = held.createStatement()) {
                s.execute("COMMIT");
            }
            held.close();
        }
    }
}

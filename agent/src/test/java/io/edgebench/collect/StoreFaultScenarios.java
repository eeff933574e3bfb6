package io.edgebench.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.PoisonMessages;
import io.edgebench.resultstore.PoisonMessages.Poison;
import io.edgebench.resultstore.ResultStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Issue 21's acceptance on real processes: a collector child JVM, a real broker, a real database. A database that
 * goes away for 30 s while results flow; poison that no retry can store, retained and not; a collector that cannot
 * progress and says so by exiting.
 */
final class StoreFaultScenarios {
    static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(180);

    private StoreFaultScenarios() {}

    /**
     * 200 results published over about 45 s; the database is unavailable for {@link #OUTAGE} in the middle. The
     * same collector process stores all of them, each once, and said it was waiting.
     */
    static void outageWhileResultsFlow(
            String broker, DatabaseUrl db, Path dir, CollectScenarios.DatabaseControl database) throws Exception {
        int n = 200;
        try (CollectorProcess c = new CollectorProcess(dir, broker, db.jdbcUrl(), "collect-a", null);
                FleetPublisher agents = new FleetPublisher(broker)) {
            c.start();
            long stoppedAt = 0;
            for (int i = 0; i < n; i++) {
                if (i == 25) {
                    database.stop();
                    stoppedAt = System.nanoTime();
                }
                if (stoppedAt != 0 && (System.nanoTime() - stoppedAt) >= OUTAGE.toNanos()) {
                    database.start();
                    stoppedAt = 0;
                }
                agents.publish(i);
                Thread.sleep(200);
            }
            if (stoppedAt != 0) {
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
                database.start();
            }
            List<String> stored = awaitAll(db, agents.expected(), c);
            assertEquals(agents.expected(), stored, "every result once after the outage; log:\n" + c.log());
            assertTrue(c.alive(), "the collector never exited:\n" + c.log());
            assertEquals(1, c.starts());
            assertTrue(c.count("collect event=store_failed") > 0, "it said it was waiting:\n" + c.log());
            assertTrue(c.count("collect event=store_recovered") > 0, "and that it recovered:\n" + c.log());
            assertEquals(0, c.count("collect event=quarantined"), "an outage quarantines nothing:\n" + c.log());
        }
    }

    /**
     * 20 poison retained statuses already on the broker (the reproduction: they disabled every collector),
     * then a brand-new collector, 25 poison results and 60 valid ones: every valid one stored, every poison one in
     * quarantine with its reason.
     */
    static void poisonThenValid(String broker, DatabaseUrl db, Path dir) throws Exception {
        List<Poison> statuses = PoisonMessages.statuses(20);
        List<Poison> results = PoisonMessages.results("lab9", 25);
        try (Publisher p = new Publisher(broker)) {
            for (Poison s : statuses) {
                p.send(s.topic(), s.payload(), true);
            }
            try (CollectorProcess c = new CollectorProcess(dir, broker, db.jdbcUrl(), "collect-a", null);
                    FleetPublisher agents = new FleetPublisher(broker)) {
                c.start();
                for (Poison r : results) {
                    p.send(r.topic(), r.payload(), false);
                }
                for (int i = 0; i < 60; i++) {
                    agents.publish(i);
                }
                List<String> stored = awaitAll(db, agents.expected(), c);
                assertEquals(agents.expected(), stored, "every valid result stored; log:\n" + c.log());
                try (ResultStore store = ResultStore.open(db)) {
                    Awaitility.await("every poison message quarantined")
                            .atMost(WAIT)
                            .until(() -> {
                                for (Poison x : statuses) {
                                    if (store.quarantined(x.topic()).isEmpty()) {
                                        return false;
                                    }
                                }
                                return true;
                            });
                    for (Poison x : concat(statuses, results)) {
                        assertEquals(List.of(x.reason().code()), store.quarantined(x.topic()), x.topic());
                    }
                    assertTrue(
                            store.agents().stream().noneMatch(a -> a.deviceId().startsWith("ghost")),
                            "no poison status pins a row");
                }
            } finally {
                for (Poison s : statuses) {
                    p.send(s.topic(), new byte[0], true); // clear the retained poison for later tests
                }
            }
        }
    }

    /**
     * The database refuses every write (a SQLite file held under an exclusive lock by another connection) longer
     * than --max-store-wait-s: the collector says it gives up and exits 69, with nothing acknowledged; started again
     * once the lock is gone, it stores what it held.
     */
    static void givesUpPastTheBound(String broker, DatabaseUrl db, Path dir, CollectScenarios.DatabaseControl database)
            throws Exception {
        try (CollectorProcess c = new CollectorProcess(dir, broker, db.jdbcUrl(), "collect-a", null)
                        .with("--max-store-wait-s", "3");
                FleetPublisher agents = new FleetPublisher(broker)) {
            c.start();
            database.stop();
            for (int i = 0; i < 5; i++) {
                agents.publish(i);
            }
            assertEquals(69, c.awaitExit(Duration.ofSeconds(120)), "exit 69 past the bound:\n" + c.log());
            assertTrue(c.log().contains("collect event=giving_up"), c.log());
            database.start();
            c.start();
            List<String> stored = awaitAll(db, agents.expected(), c);
            assertEquals(agents.expected(), stored, "what it held was not acknowledged: stored after the restart");
        }
    }

    private static List<Poison> concat(List<Poison> a, List<Poison> b) {
        List<Poison> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static List<String> awaitAll(DatabaseUrl db, List<String> expected, CollectorProcess c) throws Exception {
        try (ResultStore store = ResultStore.open(db)) {
            try {
                Awaitility.await("all " + expected.size() + " results stored")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> store.keys().size() >= expected.size());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(
                        "stored " + store.keys().size() + " of " + expected.size() + "; log:\n" + c.log(), e);
            }
            assertFalse(store.keys().isEmpty());
            return store.keys();
        }
    }

    /** Raw QoS 1 publishes, retained or not: what a misbehaving board (or anyone with access) can send. */
    static final class Publisher implements AutoCloseable {
        private final MqttClient client;

        Publisher(String url) throws Exception {
            client = new MqttClient(url, "poison-publisher", new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o);
        }

        void send(String topic, byte[] payload, boolean retained) throws Exception {
            InflightRetry.publish(client, topic, new MqttMessage(payload, 1, retained, null));
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}

package io.edgebench.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.QuarantineReason;
import io.edgebench.resultstore.ResultStore;
import io.edgebench.resultstore.UnstorableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store thread on a real SQLite file: what ends it, what it says, and what it does when it cannot go on. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StoreQueueTest {
    private static final CollectSettings.Retry RETRY =
            new CollectSettings.Retry(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(30));

    @TempDir
    Path tmp;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> gaveUp = new CompletableFuture<>();

    private StoreQueue queue(ResultStore store, StoreQueue.Handler handler) {
        return new StoreQueue(handler, store, RETRY, log::add, System::currentTimeMillis, gaveUp::complete);
    }

    private ResultStore store() throws Exception {
        return ResultStore.open(DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("r.db"), null, null));
    }

    private void trigger(String when) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("r.db"));
                Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER refuse BEFORE INSERT ON quarantine " + when
                    + " BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
        }
    }

    private static BrokerLink.Inbound message(String topic, byte[] payload, int qos) {
        return new BrokerLink.Inbound(topic, payload, null, null, false, qos);
    }

    @Test
    void storeDown_theMessageBeingRetriedCountsAsHeld() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        try (ResultStore store = store();
                StoreQueue q = queue(store, in -> {
                    if (down.get()) {
                        throw new ResultStore.StoreException("database down (test)", null);
                    }
                })) {
            q.start();
            q.offer(message("edgebench/a/result/j1", new byte[] {1}, 1), () -> {});
            q.offer(message("edgebench/a/result/j2", new byte[] {2}, 1), () -> {});
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (q.health().state() != CollectorHealth.State.WAITING_FOR_STORE && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            assertEquals(CollectorHealth.State.WAITING_FOR_STORE, q.health().state());
            assertEquals(2, q.health().heldMessages(), "one being retried plus one queued behind it");
            down.set(false);
            while (q.health().heldMessages() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, q.health().heldMessages());
        }
    }

    @Test
    void handlerThrowsAnError_collectorGivesUpInsteadOfHangingConnected() throws Exception {
        try (ResultStore store = store();
                StoreQueue q = queue(store, in -> {
                    throw new StackOverflowError("deep");
                })) {
            q.start();
            q.offer(message("edgebench/a/result/j1", new byte[] {1}, 1), () -> {});

            String why = gaveUp.get(10, TimeUnit.SECONDS);

            assertTrue(why.contains("store thread died") && why.contains("StackOverflowError"), why);
            assertTrue(log.stream().anyMatch(l -> l.startsWith("collect event=store_thread_died")), log.toString());
            assertEquals(CollectorHealth.State.GAVE_UP, q.health().state());
        }
    }

    @Test
    void quarantineRefusesThePayload_aMinimalRowIsKept_andTheMessageAcknowledged() throws Exception {
        try (ResultStore store = store();
                StoreQueue q = queue(store, in -> {
                    throw new UnstorableException(QuarantineReason.NOT_JSON, "not JSON");
                })) {
            trigger("WHEN length(NEW.payload) > 0");
            CountDownLatch acked = new CountDownLatch(1);
            q.start();
            q.offer(message("edgebench/a/result/j1", "x".getBytes(StandardCharsets.UTF_8), 1), acked::countDown);

            assertTrue(acked.await(10, TimeUnit.SECONDS), log.toString());
            assertEquals(List.of("not_json"), store.quarantined("edgebench/a/result/j1"));
            assertTrue(!gaveUp.isDone());
        }
    }

    @Test
    void quarantineRefusesEvenAMinimalRow_givesUpAtOnceSayingWhichMessage() throws Exception {
        try (ResultStore store = store();
                StoreQueue q = queue(store, in -> {
                    throw new UnstorableException(QuarantineReason.NOT_JSON, "not JSON");
                })) {
            trigger("");
            AtomicBoolean acked = new AtomicBoolean();
            q.start();
            q.offer(message("edgebench/a/result/j1", "x".getBytes(StandardCharsets.UTF_8), 1), () -> acked.set(true));

            String why = gaveUp.get(10, TimeUnit.SECONDS); // not after the 30 s of a transient failure

            assertTrue(why.contains("[edgebench/a/result/j1] can be neither stored nor quarantined"), why);
            assertTrue(
                    log.stream()
                            .anyMatch(l -> l.startsWith(
                                    "collect event=quarantine_failed level=error topic=edgebench/a/result/j1")),
                    log.toString());
            assertTrue(!acked.get());
        }
    }

    @Test
    void heldFull_qos0IsSaidLost_qos1IsRefusedUnacknowledged() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ResultStore store = store();
                StoreQueue q = queue(store, in -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })) {
            q.start();
            byte[] packet = new byte[(int) LinkSettings.DEFAULT_MAX_PACKET_BYTES]; // one array, held ten times
            for (int i = 0; i < PahoBrokerLink.HELD_RECEIVE_MAXIMUM; i++) {
                q.offer(message("edgebench/a/result/j" + i, packet, 1), () -> {});
            }

            q.offer(message("edgebench/a/status", new byte[] {1}, 0), () -> {});
            IllegalStateException refused = assertThrows(
                    IllegalStateException.class,
                    () -> q.offer(message("edgebench/a/result/late", new byte[] {1}, 1), () -> {}));

            assertEquals(1, q.lost());
            assertTrue(
                    log.stream()
                            .anyMatch(l -> l.startsWith("collect event=lost topic=edgebench/a/status")
                                    && l.contains("never sends it again")),
                    log.toString());
            assertTrue(refused.getMessage().contains("the broker delivers it again"), refused.getMessage());
            release.countDown();
        }
    }
}

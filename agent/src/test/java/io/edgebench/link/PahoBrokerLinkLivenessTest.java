package io.edgebench.link;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog's view of the broker link: a link whose connect thread runs is not wedged; one whose thread is stuck
 * (here: a listener that blocks in onConnected, which runs on that thread) is reported, with how long it has been.
 */
@Timeout(60)
class PahoBrokerLinkLivenessTest {
    @TempDir
    Path tmp;

    @Test
    void runningThread_isNotWedged_blockedThread_isReported() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            LinkSettings settings =
                    LinkSettings.builder(broker.url(), "liveness-test").build();
            PahoBrokerLink link = new PahoBrokerLink(settings, line -> {});
            try {
                Duration stall = Duration.ofMillis(300);
                assertNull(link.wedgedReason(stall)); // queues a probe on the (idle) connect thread
                link.start(List.of("liveness/#"), new BrokerLink.Listener() {
                    @Override
                    public void onConnected() {
                        connected.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS); // a callback that blocks: the thread is wedged
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void onMessage(BrokerLink.Inbound message) {}
                });
                assertTrue(connected.await(20, TimeUnit.SECONDS));
                // the probe queued behind the blocked callback never runs: reported once it waited past the limit
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            String why = link.wedgedReason(stall);
                            return why != null && why.startsWith("the mqtt-connect thread has not run a task for ");
                        });
                release.countDown();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> link.wedgedReason(stall) == null);
            } finally {
                release.countDown();
                link.close();
            }
            assertNull(link.wedgedReason(Duration.ZERO), "a closed link is not wedged");
        }
    }
}

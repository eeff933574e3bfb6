package io.edgebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.link.BrokerLink;
import io.edgebench.link.PublishAck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result the broker took with no subscriber (PUBACK 0x10) is kept and sent again, for a bounded time. */
class OutboxUnheardTest {
    @TempDir
    Path tmp;

    private final AtomicReference<PublishAck> answer = new AtomicReference<>(PublishAck.NO_MATCHING_SUBSCRIBERS);
    private final List<String> published = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final AtomicLong nowMs = new AtomicLong(1_000_000);

    @Test
    void unheardResult_isRepublished_untilSomeoneHearsIt() throws Exception {
        Outbox outbox = outbox();
        outbox.store("j1", "{}".getBytes());
        assertEquals(List.of("j1"), outbox.pending(), "kept after 0x10");
        assertEquals(1, count("outbox event=no_subscriber job_id=j1"));

        nowMs.addAndGet(Outbox.KEEP_UNHEARD.toMillis() - 1);
        outbox.publishAll();
        assertEquals(List.of("j1"), outbox.pending(), "still kept just before the limit");
        assertEquals(1, count("outbox event=no_subscriber job_id=j1"), "said once, not on every sweep");

        answer.set(PublishAck.ACCEPTED);
        outbox.publishAll();
        assertTrue(outbox.pending().isEmpty(), "acknowledged with a subscriber: gone");
        assertEquals(3, published.size());
        assertEquals(1, outbox.publishedCount());
    }

    @Test
    void unheardResult_isDropped_afterKeepUnheard() throws Exception {
        Outbox outbox = outbox();
        outbox.store("j2", "{}".getBytes());
        nowMs.addAndGet(Outbox.KEEP_UNHEARD.toMillis());
        outbox.publishAll();
        assertTrue(outbox.pending().isEmpty(), "dropped after " + Outbox.KEEP_UNHEARD);
        assertEquals(1, count("outbox event=dropped_no_subscriber job_id=j2"), String.join("\n", log));
        assertEquals(0, outbox.publishedCount(), "never counted as delivered");
    }

    private long count(String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix)).count();
    }

    private Outbox outbox() throws Exception {
        return new Outbox(tmp.resolve("outbox"), "dev1", new AnsweringLink(), log::add, nowMs::get);
    }

    /** Answers every publish at once with {@link #answer}, as a connected broker would. */
    private final class AnsweringLink implements BrokerLink {
        @Override
        public void start(List<String> subscriptions, Listener listener) {}

        @Override
        public CompletableFuture<PublishAck> publish(Outbound message) {
            published.add(message.topic());
            return CompletableFuture.completedFuture(answer.get());
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void close(Outbound last) {}
    }
}

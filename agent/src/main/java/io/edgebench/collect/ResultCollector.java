package io.edgebench.collect;

import io.edgebench.link.BrokerLink;
import io.edgebench.resultstore.AgentStatus;
import io.edgebench.resultstore.MessageBounds;
import io.edgebench.resultstore.QuarantineReason;
import io.edgebench.resultstore.ResultMessage;
import io.edgebench.resultstore.ResultStore;
import io.edgebench.resultstore.ResultStore.StoreException;
import io.edgebench.resultstore.UnstorableException;
import io.edgebench.wire.Topics;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * `edgebench collect`: stores every result and status that arrives on its subscriptions, each acknowledged only
 * once it is durable (a persistent session with manual acknowledgements, see {@link BrokerLink.Listener}). The link's
 * callback hands messages to a {@link StoreQueue}, which stores them in order: a transient failure holds the
 * message and pauses delivery until the database is back; a message that can never be stored as it is goes to the
 * quarantine table with its reason, so it never blocks the ones behind it. A collector that dies mid-insert gets
 * the message again from its session, and the store drops the duplicate.
 */
public final class ResultCollector implements AutoCloseable {
    private final CollectSettings settings;
    private final ResultStore store;
    private final BrokerLink link;
    private final Consumer<String> log;
    private final LongSupplier clockMs;
    private final StoreQueue queue;
    private final CompletableFuture<String> gaveUp = new CompletableFuture<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong mismatched = new AtomicLong();

    public ResultCollector(
            CollectSettings settings, ResultStore store, BrokerLink link, Consumer<String> log, LongSupplier clockMs) {
        this.settings = settings;
        this.store = store;
        this.link = link;
        this.log = log;
        this.clockMs = clockMs;
        this.queue = new StoreQueue(this::handle, store, settings.retry(), log, clockMs, gaveUp::complete);
    }

    /** Connects in the background and keeps collecting until {@link #close()} or until it gives up. */
    public void start() {
        log.accept("collect event=starting broker=" + settings.link().brokerUrl() + " client_id="
                + settings.link().clientId() + " group=" + settings.group() + " session_expiry_s="
                + settings.link().session().expiryS() + " max_store_wait_s="
                + settings.retry().maxWait().toSeconds()
                + " db=" + store.url());
        queue.start();
        link.start(settings.subscriptions(), new Listener());
    }

    /** Completes with the reason when the collector could not store anything for its retry's maxWait. */
    public CompletableFuture<String> gaveUp() {
        return gaveUp;
    }

    public CollectorHealth health() {
        return queue.health();
    }

    public long stored() {
        return stored.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public boolean connected() {
        return link.isConnected();
    }

    @Override
    public void close() {
        link.close(null);
        queue.close();
        log.accept("collect event=stopped stored_total=" + stored + " duplicates_total=" + duplicates
                + " quarantined_total=" + queue.quarantined() + " identity_mismatches_total=" + mismatched);
    }

    void handle(BrokerLink.Inbound in) throws UnstorableException, StoreException {
        String[] levels = in.topic().split("/", -1);
        String kind = levels.length >= 3 ? levels[2] : "";
        if ("result".equals(kind)) {
            Optional<String> job = Topics.resultJobOf(in.topic());
            Optional<String> device = Topics.deviceOf(in.topic(), "result");
            if (job.isEmpty() || device.isEmpty()) {
                throw new UnstorableException(
                        QuarantineReason.BAD_TOPIC,
                        "topic [" + MessageBounds.printable(in.topic())
                                + "] is not edgebench/<device_id>/result/<job_id> with ids of 1-64 characters A-Z a-z 0-9 . _ -");
            }
            storeResult(MessageBounds.result(device.get(), job.get(), in.payload(), clockMs.getAsLong()));
        } else if ("status".equals(kind) && in.payload().length > 0) { // empty: a retained status being cleared
            Optional<String> device = Topics.deviceOf(in.topic(), "status");
            if (device.isEmpty() || levels.length != 3) {
                throw new UnstorableException(
                        QuarantineReason.BAD_TOPIC,
                        "topic [" + MessageBounds.printable(in.topic())
                                + "] is not edgebench/<device_id>/status with a device id of 1-64 characters A-Z a-z 0-9 . _ -");
            }
            AgentStatus st = MessageBounds.status(device.get(), in.payload(), clockMs.getAsLong());
            store.store(st);
        }
    }

    private void storeResult(ResultMessage m) throws StoreException {
        if (m.claimedDeviceId() != null) {
            mismatched.incrementAndGet();
            log.accept("collect event=identity_mismatch device_id=" + m.deviceId() + " job_id=" + m.jobId()
                    + " claimed_device_id=" + MessageBounds.printable(m.claimedDeviceId()) + " (stored as "
                    + m.deviceId() + "'s, the device of its topic, which the broker's ACL checked; flagged)");
        }
        if (store.store(m)) {
            stored.incrementAndGet();
            log.accept("collect event=stored device_id=" + m.deviceId() + " job_id=" + m.jobId() + " status="
                    + MessageBounds.printable(m.status()) + " lanes="
                    + m.lanes().size());
        } else {
            duplicates.incrementAndGet();
            log.accept("collect event=duplicate device_id=" + m.deviceId() + " job_id=" + m.jobId());
        }
    }

    private final class Listener implements BrokerLink.Listener {
        @Override
        public void onConnected() {
            log.accept("collect event=subscribed subscriptions=" + String.join(",", settings.subscriptions()));
        }

        /** Not used: this session acknowledges through {@link #onMessage(BrokerLink.Inbound, Runnable)}. */
        @Override
        public void onMessage(BrokerLink.Inbound in) {
            queue.offer(in, () -> {});
        }

        @Override
        public void onMessage(BrokerLink.Inbound in, Runnable acknowledge) {
            queue.offer(in, acknowledge);
        }

        @Override
        public void onDisconnected(String reason) {
            log.accept("collect event=disconnected reason=\"" + MessageBounds.printable(reason, 300) + "\"");
        }
    }
}

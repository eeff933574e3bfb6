package io.edgebench.collect;

import io.edgebench.link.BrokerLink;
import io.edgebench.wire.Topics;
import io.edgebench.resultstore.AgentStatus;
import io.edgebench.resultstore.ResultMessage;
import io.edgebench.resultstore.ResultStore;
import io.edgebench.resultstore.ResultStore.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * `edgebench collect`: stores every result and status that arrives on its subscriptions. Stores on the link's
 * callback thread, before the message is acknowledged (a persistent session acknowledges after the listener, see
 * {@link BrokerLink.Listener#onMessage}): a collector that dies mid-insert gets the message again from its
 * session, and the store drops the duplicate. A database failure leaves the message unacknowledged and the link
 * reconnects, so the broker keeps it until the store works again.
 */
public final class ResultCollector implements AutoCloseable {
    private final CollectSettings settings;
    private final ResultStore store;
    private final BrokerLink link;
    private final Consumer<String> log;
    private final LongSupplier clockMs;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();

    public ResultCollector(CollectSettings settings, ResultStore store, BrokerLink link, Consumer<String> log,
            LongSupplier clockMs) {
        this.settings = settings;
        this.store = store;
        this.link = link;
        this.log = log;
        this.clockMs = clockMs;
    }

    /** Connects in the background and keeps collecting until {@link #close()}. */
    public void start() {
        log.accept("collect event=starting broker=" + settings.link().brokerUrl() + " client_id="
                + settings.link().clientId() + " group=" + settings.group() + " session_expiry_s="
                + settings.link().session().expiryS() + " db=" + store.url());
        link.start(settings.subscriptions(), new Listener());
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
        log.accept("collect event=stopped stored_total=" + stored + " duplicates_total=" + duplicates
                + " unreadable_total=" + unreadable);
    }

    void handle(BrokerLink.Inbound in) throws StoreException {
        Optional<String> job = Topics.resultJobOf(in.topic());
        if (job.isPresent()) {
            String device = Topics.deviceOf(in.topic(), "result").orElseThrow();
            ResultMessage m;
            try {
                m = ResultMessage.parse(device, job.get(), in.payload(), clockMs.getAsLong());
            } catch (IOException e) {
                // Redelivery would not make it readable: acknowledge, count and say so.
                unreadable.incrementAndGet();
                log.accept("collect event=unreadable topic=" + in.topic() + " reason=\"" + e.getMessage() + "\"");
                return;
            }
            if (store.store(m)) {
                stored.incrementAndGet();
                log.accept("collect event=stored device_id=" + device + " job_id=" + job.get() + " status="
                        + m.status() + " lanes=" + m.lanes().size());
            } else {
                duplicates.incrementAndGet();
                log.accept("collect event=duplicate device_id=" + device + " job_id=" + job.get());
            }
            return;
        }
        Optional<String> device = Topics.deviceOf(in.topic(), "status");
        if (device.isPresent() && in.payload().length > 0) {
            try {
                store.store(AgentStatus.parse(device.get(), in.payload(), clockMs.getAsLong()));
            } catch (IOException e) {
                unreadable.incrementAndGet();
                log.accept("collect event=unreadable topic=" + in.topic() + " reason=\"" + e.getMessage() + "\"");
            }
        }
    }

    private final class Listener implements BrokerLink.Listener {
        @Override
        public void onConnected() {
            log.accept("collect event=subscribed subscriptions=" + String.join(",", settings.subscriptions()));
        }

        @Override
        public void onMessage(BrokerLink.Inbound in) {
            try {
                handle(in);
            } catch (StoreException e) {
                log.accept("collect event=store_failed topic=" + in.topic() + " reason=\"" + e.getMessage()
                        + "\" (not acknowledged: the broker delivers it again after the reconnect)");
                throw new UncheckedIOException(new IOException(e.getMessage(), e));
            }
        }

        @Override
        public void onDisconnected(String reason) {
            log.accept("collect event=disconnected reason=\"" + reason + "\"");
        }
    }
}

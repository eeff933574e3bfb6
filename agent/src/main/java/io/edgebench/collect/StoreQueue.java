package io.edgebench.collect;

import io.edgebench.link.Backoff;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.resultstore.FailureKind;
import io.edgebench.resultstore.MessageBounds;
import io.edgebench.resultstore.QuarantineReason;
import io.edgebench.resultstore.Quarantined;
import io.edgebench.resultstore.ResultStore;
import io.edgebench.resultstore.ResultStore.StoreException;
import io.edgebench.resultstore.UnstorableException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The collector's store thread. The link's callback only enqueues (it must never block: Paho's receiver would stop
 * reading pings); this thread stores each message in arrival order and acknowledges it only once it is durable, in
 * the store or in quarantine. A transient failure holds the message and retries it with backoff, saying so on
 * every attempt; the messages behind it wait unacknowledged, and the broker, at the link's receive maximum, stops
 * sending: consumption pauses without a reconnect. Past {@code maxWait} without progress the collector gives up
 * ({@code onGiveUp}) so that systemd restarts it, rather than hanging connected and silent.
 */
final class StoreQueue implements AutoCloseable {
    /**
     * What the link's receive maximum lets the broker send ahead (QoS 1): more held bytes means QoS 0 messages, which
     * no receive maximum bounds, are piling up behind a stalled store.
     */
    static final long MAX_HELD_BYTES = PahoBrokerLink.HELD_RECEIVE_MAXIMUM * LinkSettings.DEFAULT_MAX_PACKET_BYTES;

    /** Stores one message; throws what decides its fate. */
    interface Handler {
        void handle(BrokerLink.Inbound in) throws UnstorableException, StoreException;
    }

    private record Held(BrokerLink.Inbound in, Runnable ack) {}

    private final LinkedBlockingQueue<Held> queue = new LinkedBlockingQueue<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Handler handler;
    private final ResultStore store;
    private final Consumer<String> log;
    private final LongSupplier clockMs;
    private final Duration maxWait;
    private final Backoff backoff;
    private final Consumer<String> onGiveUp;
    private final Thread thread;
    private volatile CollectorHealth health = CollectorHealth.storing(0);
    private volatile boolean closed;

    StoreQueue(
            Handler handler,
            ResultStore store,
            CollectSettings.Retry retry,
            Consumer<String> log,
            LongSupplier clockMs,
            Consumer<String> onGiveUp) {
        this.handler = handler;
        this.store = store;
        this.log = log;
        this.clockMs = clockMs;
        this.maxWait = retry.maxWait();
        this.backoff =
                new Backoff(retry.firstDelay().toMillis(), retry.maxDelay().toMillis(), Math::random);
        this.onGiveUp = onGiveUp;
        this.thread = new Thread(this::run, "collect-store");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * From the link's thread: never blocks. Past {@link #MAX_HELD_BYTES} a QoS 0 message is lost (logged and
     * counted: the broker never sends it again); a QoS 1 one is refused unacknowledged with an exception, on which
     * the link reconnects and the broker delivers it again from the session.
     */
    void offer(BrokerLink.Inbound in, Runnable ack) {
        if (heldBytes.addAndGet(in.payload().length) > MAX_HELD_BYTES) {
            heldBytes.addAndGet(-in.payload().length);
            if (in.qos() > 0) {
                throw new IllegalStateException("Message on [" + MessageBounds.printable(in.topic()) + "] refused: "
                        + heldBytes + " bytes are held (at most " + MAX_HELD_BYTES + ") while the store catches up;"
                        + " not acknowledged, the broker delivers it again");
            }
            log.accept("collect event=lost topic=" + MessageBounds.printable(in.topic()) + " bytes="
                    + in.payload().length + " held_bytes=" + heldBytes + " lost_total=" + lost.incrementAndGet()
                    + " (QoS 0 with " + MAX_HELD_BYTES + " bytes held: dropped, the broker never sends it again;"
                    + " publish results with QoS 1)");
            return;
        }
        queue.add(new Held(in, ack));
    }

    /** QoS 0 messages dropped because too many bytes were held. */
    long lost() {
        return lost.get();
    }

    /** The message taken off the queue is still held (unacknowledged) while it is stored or retried. */
    private volatile boolean storing;

    CollectorHealth health() {
        CollectorHealth h = health;
        return new CollectorHealth(h.state(), h.reason(), queue.size() + (storing ? 1 : 0), h.waitingSinceMs());
    }

    long quarantined() {
        return quarantined.get();
    }

    private void run() {
        try {
            while (!closed) {
                Held h = queue.poll(1, TimeUnit.SECONDS);
                if (h == null) {
                    continue;
                }
                storing = true;
                if (storeUntilDurable(h)) {
                    heldBytes.addAndGet(-h.in().payload().length);
                    h.ack().run();
                }
                storing = false;
            }
        } catch (InterruptedException e) {
            // closing
        } catch (Throwable e) { // an Error too: a collector connected with no store thread would store nothing
            giveUp(
                    "store thread died: " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"),
                    0,
                    "collect event=store_thread_died");
        }
    }

    private void giveUp(String why, long sinceMs, String event) {
        health = new CollectorHealth(CollectorHealth.State.GAVE_UP, why, queue.size() + 1, sinceMs);
        log.accept(event + " reason=\"" + MessageBounds.printable(why, 400).replace('"', '\'') + "\""
                + " (nothing acknowledged that is not stored; exiting so that the service manager restarts the"
                + " collector)");
        closed = true; // the rest stays unacknowledged: the broker delivers it to the next run
        onGiveUp.accept(why);
    }

    /** True once the message is in the store or in quarantine; false only when closing or giving up. */
    private boolean storeUntilDurable(Held h) {
        long firstFailureMs = 0;
        for (int attempt = 1; !closed; attempt++) {
            StoreException failure;
            try {
                try {
                    handler.handle(h.in());
                } catch (UnstorableException e) {
                    quarantine(h.in(), e.reason(), e.getMessage());
                } catch (StoreException e) {
                    if (e.kind() != FailureKind.PERMANENT) {
                        throw e;
                    }
                    quarantine(h.in(), QuarantineReason.REFUSED_BY_DATABASE, e.getMessage());
                } catch (RuntimeException e) {
                    // a bug, not the message's fault alone: keep it (with the stack's first line) and go on
                    quarantine(
                            h.in(),
                            QuarantineReason.UNEXPECTED,
                            e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
                }
                if (firstFailureMs != 0) {
                    log.accept("collect event=store_recovered waited_s=" + (clockMs.getAsLong() - firstFailureMs) / 1000
                            + " attempts=" + attempt);
                }
                backoff.reset();
                health = CollectorHealth.storing(queue.size());
                return true;
            } catch (StoreException e) {
                failure = e;
            } catch (Unquarantinable e) {
                giveUp(
                        e.getMessage(),
                        firstFailureMs,
                        "collect event=quarantine_failed level=error topic=" + MessageBounds.printable(h.in().topic()));
                return false;
            }
            long now = clockMs.getAsLong();
            firstFailureMs = firstFailureMs == 0 ? now : firstFailureMs;
            long waitedMs = now - firstFailureMs;
            if (waitedMs > maxWait.toMillis()) {
                giveUp(
                        "no message stored for " + waitedMs / 1000 + " s (limit " + maxWait.toSeconds() + " s): "
                                + failure.getMessage(),
                        firstFailureMs,
                        "collect event=giving_up");
                return false;
            }
            long delayMs = backoff.nextDelayMs();
            health = new CollectorHealth(
                    CollectorHealth.State.WAITING_FOR_STORE, failure.getMessage(), queue.size() + 1, firstFailureMs);
            log.accept("collect event=store_failed health=" + health.state().code() + " topic="
                    + MessageBounds.printable(h.in().topic()) + " attempt=" + attempt + " waited_s=" + waitedMs / 1000
                    + " retry_in_ms=" + delayMs + " held=" + (queue.size() + 1) + " reason=\"" + failure.getMessage()
                    + "\" (held unacknowledged; delivery paused until it stores)");
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** Neither the message nor a minimal row about it could be quarantined: retrying cannot help. */
    private static final class Unquarantinable extends Exception {
        Unquarantinable(String message) {
            super(message);
        }
    }

    private void quarantine(BrokerLink.Inbound in, QuarantineReason reason, String detail)
            throws StoreException, Unquarantinable {
        boolean isNew;
        try {
            isNew = store.quarantine(new Quarantined(in.topic(), in.payload(), reason, detail, clockMs.getAsLong()));
        } catch (StoreException e) {
            if (e.kind() != FailureKind.PERMANENT) {
                throw e;
            }
            isNew = quarantineMinimal(in, reason, detail, e);
        }
        if (isNew) {
            quarantined.incrementAndGet();
        }
        log.accept("collect event=quarantined topic=" + MessageBounds.printable(in.topic()) + " bytes="
                + in.payload().length + " reason=" + reason.code() + " detail=\""
                + MessageBounds.printable(detail, 400).replace('"', '\'') + "\"" + (isNew ? "" : " (already there)"));
    }

    /** Topic and reason only, printable and bounded, after the database refused the message's own row. */
    private boolean quarantineMinimal(
            BrokerLink.Inbound in, QuarantineReason reason, String detail, StoreException first)
            throws StoreException, Unquarantinable {
        String minimal = "payload not kept (" + in.payload().length + " bytes): the database refused it in"
                + " quarantine too (" + MessageBounds.printable(first.getMessage(), 200) + "); first reason: "
                + MessageBounds.printable(detail, 200);
        try {
            return store.quarantine(new Quarantined(
                    MessageBounds.printable(in.topic(), 200), new byte[0], reason, minimal, clockMs.getAsLong()));
        } catch (StoreException e) {
            if (e.kind() != FailureKind.PERMANENT) {
                throw e;
            }
            throw new Unquarantinable("Message on [" + MessageBounds.printable(in.topic()) + "] can be neither"
                    + " stored nor quarantined, not even as a row without its payload: " + e.getMessage()
                    + " (check the quarantine table's schema and the database's log)");
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

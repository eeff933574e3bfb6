package io.edgebench.daemon;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A task run at most once per interval however often it is asked for; requests while one is pending coalesce
 * into it. Home Assistant's birth message makes every agent republish its retained discovery config: 5,000 births
 * made 5,001 configs per agent; now they make at most one per interval (the last request is never lost: a run is
 * always scheduled after it).
 */
final class Coalesced {
    private final Runnable task;
    private final long intervalMs;
    private final ScheduledExecutorService executor;
    private final LongSupplier clockMs;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastRunMs = Long.MIN_VALUE / 2;

    Coalesced(Runnable task, long intervalMs, ScheduledExecutorService executor, LongSupplier clockMs) {
        this.task = task;
        this.intervalMs = intervalMs;
        this.executor = executor;
        this.clockMs = clockMs;
    }

    /** Asks for a run; returns at once. */
    void request() {
        if (!pending.compareAndSet(false, true)) {
            return; // a run is already scheduled and will see this request's state
        }
        long delayMs = Math.max(0, lastRunMs + intervalMs - clockMs.getAsLong());
        try {
            executor.schedule(
                    () -> {
                        pending.set(false); // first: a request arriving during the run schedules another
                        lastRunMs = clockMs.getAsLong();
                        task.run();
                    },
                    delayMs,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.set(false); // stopping
        }
    }
}

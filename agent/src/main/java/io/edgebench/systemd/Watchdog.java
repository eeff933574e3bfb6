package io.edgebench.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tells systemd the service is ready, then pings its watchdog ({@code WatchdogSec=} in the unit, handed to us as
 * {@code WATCHDOG_USEC}) at half the timeout, as sd_watchdog_enabled(3) recommends, but only while the health check
 * passes: an agent whose broker link thread or job queue is wedged stops pinging, and systemd restarts it. The
 * reason goes to the log and to {@code STATUS=} (shown by systemctl status) once per change.
 */
public final class Watchdog implements AutoCloseable {
    /** What the health check found: healthy, or the first thing that is wrong. */
    public record Health(boolean ok, String reason) {
        public Health {
            Objects.requireNonNull(reason, "reason");
        }

        public static Health healthy() {
            return new Health(true, "ok");
        }

        public static Health unhealthy(String reason) {
            return new Health(false, reason);
        }
    }

    private final SdNotify notify;
    private final Duration interval;
    private final Supplier<Health> check;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "systemd-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile Health last = Health.healthy();

    private Watchdog(SdNotify notify, Duration interval, Supplier<Health> check, Consumer<String> log) {
        this.notify = notify;
        this.interval = interval;
        this.check = check;
        this.log = log;
    }

    /**
     * Sends READY=1 and, when the unit sets WatchdogSec (WATCHDOG_USEC, for this process: WATCHDOG_PID), starts
     * pinging. Returns null outside systemd (no NOTIFY_SOCKET): nothing to do.
     */
    public static Watchdog startFromEnvironment(Map<String, String> env, Supplier<Health> check, Consumer<String> log)
            throws IOException {
        SdNotify notify = SdNotify.fromEnvironment(env);
        if (notify == null) {
            return null;
        }
        Duration timeout = watchdogTimeout(env, ProcessHandle.current().pid());
        notify.send("READY=1\nSTATUS=serving");
        log.accept("systemd event=ready socket=" + notify.socket() + " watchdog_s="
                + (timeout == null ? "off" : timeout.toMillis() / 1000.0));
        Watchdog w = new Watchdog(notify, timeout == null ? null : timeout.dividedBy(2), check, log);
        if (w.interval != null) {
            long ms = Math.max(1, w.interval.toMillis());
            w.timer.scheduleAtFixedRate(w::tick, 0, ms, TimeUnit.MILLISECONDS);
        }
        return w;
    }

    /** WATCHDOG_USEC as a duration, or null when unset, zero, malformed or meant for another pid (WATCHDOG_PID). */
    static Duration watchdogTimeout(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || forPid != null && !forPid.trim().equals(Long.toString(pid))) {
            return null;
        }
        try {
            long us = Long.parseLong(usec.trim());
            return us > 0 ? Duration.ofNanos(us * 1000) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The ping interval (half of WatchdogSec), or null when the unit has no watchdog. */
    public Duration interval() {
        return interval;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private void tick() {
        Health h;
        try {
            h = check.get();
        } catch (RuntimeException e) {
            h = Health.unhealthy("health check failed: " + e);
        }
        try {
            if (h.ok()) {
                notify.send(last.ok() ? "WATCHDOG=1" : "WATCHDOG=1\nSTATUS=serving");
            } else if (last.ok() || !last.reason().equals(h.reason())) {
                // No WATCHDOG=1: once WatchdogSec passes systemd kills the agent and Restart=on-failure restarts it.
                notify.send("STATUS=unhealthy: " + h.reason());
            }
        } catch (IOException e) {
            log.accept("systemd event=notify_failed reason=\"" + e.getMessage() + "\"");
        }
        if (h.ok() != last.ok() || !h.reason().equals(last.reason())) {
            log.accept("systemd event=" + (h.ok() ? "healthy" : "unhealthy watchdog=stopped") + " reason=\""
                    + h.reason() + "\"");
        }
        last = h;
    }

    /** Tells systemd we are stopping (STOPPING=1) and stops pinging; idempotent (signal path and shutdown hook). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        try {
            notify.send("STOPPING=1");
        } catch (IOException e) {
            log.accept("systemd event=notify_failed reason=\"" + e.getMessage() + "\"");
        }
    }
}

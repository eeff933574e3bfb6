package io.edgebench.fleet;

import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.resultstore.AgentStatus;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every agent the broker knows of, from its retained status (docs/mqtt.md, Status): online, busy or offline (the
 * will), with profile, accelerators and when it last said so. Retained messages arrive right after the subscribe,
 * so a short window sees the whole fleet.
 */
public final class FleetStatus {
    private FleetStatus() {}

    /** Retained statuses still arriving this recently extend the window: a large fleet's take longer than it. */
    static final long QUIET_MS = 500;
    /** However long they keep coming, the window ends this long after {@code --wait}. */
    static final long MAX_EXTENSION_MS = 60_000;

    /**
     * The newest status of every agent: waits {@code window}, and longer while retained statuses are still arriving
     * (a fleet of ten thousand takes seconds to deliver on a busy machine), at most {@link #MAX_EXTENSION_MS} more.
     */
    public static List<AgentStatus> read(Controller controller, Duration window) throws UnavailableException {
        Map<String, AgentStatus> latest = new ConcurrentHashMap<>();
        AtomicLong lastArrivalNanos = new AtomicLong(System.nanoTime());
        controller.watch(
                Topics.statusFilter("+"),
                (topic, body) -> Topics.deviceOf(topic, "status").ifPresent(d -> {
                    lastArrivalNanos.set(System.nanoTime());
                    try {
                        AgentStatus s = AgentStatus.parse(
                                d, body.toString().getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
                        latest.merge(d, s, (a, b) -> b.lastSeenMs() >= a.lastSeenMs() ? b : a);
                    } catch (IOException | IllegalArgumentException e) {
                        // not a status of ours: fleet views show agents, not every payload on the topic
                    }
                }));
        long start = System.nanoTime();
        long windowNanos = window.toNanos();
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
        long endNanos = start + windowNanos + TimeUnit.MILLISECONDS.toNanos(MAX_EXTENSION_MS);
        try {
            while (true) {
                long now = System.nanoTime();
                boolean windowOver = now - start >= windowNanos;
                if (now >= endNanos || windowOver && now - lastArrivalNanos.get() >= quietNanos) {
                    break;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(new TreeMap<>(latest).values());
    }

    /** One line per agent, aligned. */
    public static String table(List<AgentStatus> agents, Instant now) {
        StringWriter out = new StringWriter();
        write(agents, now, new PrintWriter(out));
        return out.toString();
    }

    /**
     * The table written row by row as it is formatted (a fleet of ten thousand is a megabyte of text, never held as
     * one string), flushed at the end: the command exits right after.
     */
    public static void write(List<AgentStatus> agents, Instant now, PrintWriter out) {
        Columns columns = new Columns(HEADER);
        for (AgentStatus a : agents) {
            columns.measure(row(a, now));
        }
        columns.print(HEADER, out);
        for (AgentStatus a : agents) {
            columns.print(row(a, now), out);
        }
        out.flush();
    }

    private static final String[] HEADER = {
        "device", "state", "profile", "version", "accelerators", "queue", "current job", "last seen"
    };

    private static String[] row(AgentStatus a, Instant now) {
        return new String[] {
            a.deviceId(),
            a.state(),
            dash(a.profile()),
            dash(a.version()),
            a.accelerators().isEmpty() ? "-" : String.join(",", a.accelerators()),
            a.queueLength() == null ? "-" : a.queueLength().toString(),
            dash(a.currentJob()),
            Instant.ofEpochMilli(a.lastSeenMs()) + " (" + ago(now.toEpochMilli() - a.lastSeenMs()) + ")"
        };
    }

    static String ago(long ms) {
        long s = Math.max(0, ms / 1000);
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        return s < 172_800 ? s / 3600 + " h ago" : String.format(Locale.ROOT, "%d d ago", s / 86_400);
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}

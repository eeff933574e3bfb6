package io.edgebench.fleet;

import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.wire.Topics;
import io.edgebench.resultstore.AgentStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every agent the broker knows of, from its retained status (docs/mqtt.md, Status): online, busy or offline (the
 * will), with profile, accelerators and when it last said so. Retained messages arrive right after the subscribe,
 * so a short window sees the whole fleet.
 */
public final class FleetStatus {
    private FleetStatus() {}

    public static List<AgentStatus> read(Controller controller, Duration window) throws UnavailableException {
        Map<String, AgentStatus> latest = new ConcurrentHashMap<>();
        controller.watch(Topics.statusFilter("+"), (topic, body) -> Topics.deviceOf(topic, "status").ifPresent(d -> {
            try {
                AgentStatus s = AgentStatus.parse(d, body.toString().getBytes(StandardCharsets.UTF_8),
                        System.currentTimeMillis());
                latest.merge(d, s, (a, b) -> b.lastSeenMs() >= a.lastSeenMs() ? b : a);
            } catch (IOException | IllegalArgumentException e) {
                // not a status of ours: fleet views show agents, not every payload on the topic
            }
        }));
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(new TreeMap<>(latest).values());
    }

    /** One line per agent, aligned. */
    public static String table(List<AgentStatus> agents, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"device", "state", "profile", "version", "accelerators", "queue", "current job",
            "last seen"});
        for (AgentStatus a : agents) {
            rows.add(new String[] {a.deviceId(), a.state(), dash(a.profile()), dash(a.version()),
                a.accelerators().isEmpty() ? "-" : String.join(",", a.accelerators()),
                a.queueLength() == null ? "-" : a.queueLength().toString(), dash(a.currentJob()),
                Instant.ofEpochMilli(a.lastSeenMs()) + " (" + ago(now.toEpochMilli() - a.lastSeenMs()) + ")"});
        }
        return Columns.render(rows);
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

package io.edgebench.collect;

import io.edgebench.link.LinkSettings;
import io.edgebench.wire.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What `edgebench collect` subscribes to and how.
 *
 * @param group null: this collector takes every result; else an MQTT 5 shared subscription group whose members
 *     split the results between them (each message to one member)
 * @param link the broker, a stable client id and a persistent session (see {@link LinkSettings.Session})
 */
public record CollectSettings(LinkSettings link, String group) {
    /** One week: a collector away for longer than that starts over (the broker drops its queue). */
    public static final long DEFAULT_SESSION_EXPIRY_S = 7L * 24 * 3600;

    public CollectSettings {
        Objects.requireNonNull(link, "link");
        if (link.session().cleanStart() || link.session().expiryS() == 0) {
            throw new IllegalArgumentException("a collector needs a persistent session (clean start false, expiry"
                    + " > 0), got [" + link.session() + "]: results published while it is down would be lost");
        }
        if (group != null) {
            Topics.checkId("group", group);
        }
    }

    /**
     * Results through the group when one is given; statuses always directly, since a shared subscription gets no
     * retained messages (MQTT 5, 4.8.2) and every collector wants every agent's last status anyway.
     */
    public List<String> subscriptions() {
        List<String> subs = new ArrayList<>();
        String results = Topics.resultFilter("+");
        subs.add(group == null ? results : Topics.shared(group, results));
        subs.add(Topics.statusFilter("+"));
        return subs;
    }
}

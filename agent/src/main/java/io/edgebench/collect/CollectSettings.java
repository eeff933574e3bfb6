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
 * @param retry how a message the store cannot take now is retried, and for how long before giving up
 */
public record CollectSettings(LinkSettings link, String group, Retry retry) {
    /** One week: a collector away for longer than that starts over (the broker drops its queue). */
    public static final long DEFAULT_SESSION_EXPIRY_S = 7L * 24 * 3600;
    /** Ten minutes without storing anything: long enough for a database restart or failover, short of hiding one. */
    public static final long DEFAULT_MAX_STORE_WAIT_S = 600;

    /** With the default retry ({@link Retry#defaults()}). */
    public CollectSettings(LinkSettings link, String group) {
        this(link, group, Retry.defaults());
    }

    public CollectSettings {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(retry, "retry");
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

    /**
     * Retrying a transient store failure: backoff from {@code firstDelay} doubling up to {@code maxDelay}; after
     * {@code maxWait} without storing the held message the collector gives up and exits non-zero.
     */
    public record Retry(java.time.Duration firstDelay, java.time.Duration maxDelay, java.time.Duration maxWait) {
        public Retry {
            if (firstDelay.toMillis() < 1 || maxDelay.compareTo(firstDelay) < 0 || maxWait.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "store retry [first " + firstDelay + ", max " + maxDelay + ", give up" + " after " + maxWait
                                + "] must have first >= 1 ms, max >= first and give-up >= 1 s");
            }
        }

        /** 500 ms doubling up to 15 s; gives up after {@link #DEFAULT_MAX_STORE_WAIT_S}. */
        public static Retry defaults() {
            return giveUpAfter(DEFAULT_MAX_STORE_WAIT_S);
        }

        public static Retry giveUpAfter(long seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException("--max-store-wait-s [" + seconds + "] must be >= 1 (seconds"
                        + " without storing anything before the collector exits so that it is restarted), e.g. 600");
            }
            return new Retry(
                    java.time.Duration.ofMillis(500),
                    java.time.Duration.ofSeconds(15),
                    java.time.Duration.ofSeconds(seconds));
        }
    }
}

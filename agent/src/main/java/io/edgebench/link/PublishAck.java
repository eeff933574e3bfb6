package io.edgebench.link;

/**
 * What became of a publish the broker took. A refusal (PUBACK reason code >= 0x80) fails the publish's future with a
 * {@link PublishRefusedException} instead.
 */
public enum PublishAck {
    /** QoS 1: PUBACK 0x00, success. */
    ACCEPTED,
    /**
     * QoS 1: PUBACK 0x10, no matching subscribers. The broker took the message and dropped it: nobody was subscribed
     * to its topic at that moment (for example a collector still resubscribing after the broker restarted).
     */
    NO_MATCHING_SUBSCRIBERS,
    /** QoS 0: written to the connection; nothing comes back. */
    SENT;

    /** The MQTT 5 PUBACK reason code 0x10. */
    static final int NO_MATCHING_SUBSCRIBERS_CODE = 0x10;
}

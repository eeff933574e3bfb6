package io.edgebench.link;

import java.io.IOException;

/**
 * The broker answered a QoS 1 publish with a PUBACK reason code >= 0x80 (MQTT 5): it did not take the message, e.g.
 * 0x87 (135) not authorized by its ACL, 0x95 packet too large, 0x97 quota exceeded. Whoever stored the message
 * must keep it.
 */
public final class PublishRefusedException extends IOException {
    private final int reasonCode;

    public PublishRefusedException(String topic, int reasonCode) {
        super("broker refused the publish on [" + topic + "] with PUBACK reason code " + reasonCode + " (0x"
                + Integer.toHexString(reasonCode) + ", " + name(reasonCode) + ")" + hint(reasonCode));
        this.reasonCode = reasonCode;
    }

    public int reasonCode() {
        return reasonCode;
    }

    static String name(int code) {
        return switch (code) {
            case 0x80 -> "unspecified error";
            case 0x83 -> "implementation specific error";
            case 0x87 -> "not authorized";
            case 0x90 -> "topic name invalid";
            case 0x91 -> "packet identifier in use";
            case 0x95 -> "packet too large";
            case 0x97 -> "quota exceeded";
            case 0x99 -> "payload format invalid";
            default -> "refused";
        };
    }

    private static String hint(int code) {
        return switch (code) {
            case 0x87 -> "; check the broker's ACL: this client must be allowed to write there";
            case 0x95 -> "; raise the broker's message_size_limit";
            case 0x97 -> "; the broker's quota for this client is exhausted";
            default -> "";
        };
    }
}

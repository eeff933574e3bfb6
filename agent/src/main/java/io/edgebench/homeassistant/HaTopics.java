package io.edgebench.homeassistant;

import io.edgebench.wire.Topics;

/**
 * Topics of the Home Assistant MQTT discovery protocol as edgebench uses it (docs/homeassistant.md): one
 * device-based discovery config per agent, Home Assistant's birth/will topic, and the agent's own state topic that
 * the discovered sensors read.
 */
public final class HaTopics {
    /** Home Assistant's default discovery prefix. */
    public static final String PREFIX = "homeassistant";
    /** Home Assistant publishes "online" here when it (re)starts: the cue to announce again. */
    public static final String BIRTH = PREFIX + "/status";

    public static final String BIRTH_ONLINE = "online";

    private HaTopics() {}

    /** Device-based discovery: {@code <prefix>/device/<object_id>/config}, retained. */
    public static String config(String deviceId) {
        return PREFIX + "/device/" + objectId(deviceId) + "/config";
    }

    /** The sensors' state, retained: hottest temperature, power and its source, agent state, last result's p50. */
    public static String state(String deviceId) {
        return Topics.ROOT + "/" + Topics.checkDeviceId(deviceId) + "/homeassistant/state";
    }

    /**
     * The discovery object id: [a-zA-Z0-9_-] only, and one per device id. Dots are not allowed there, so '_' is the
     * escape: '_' becomes "__" and '.' becomes "_d" (mapping '.' to '_' gave a.b and a_b one topic: removing one
     * removed both). Ids of letters, digits and '-' keep their old object id.
     */
    public static String objectId(String deviceId) {
        return "edgebench_" + Topics.checkDeviceId(deviceId).replace("_", "__").replace(".", "_d");
    }
}

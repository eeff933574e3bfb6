package io.edgebench.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.config.DeviceProfile;
import io.edgebench.json.Json;
import io.edgebench.link.BrokerLink;
import io.edgebench.resultstore.ResultFields;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.SensorsSnapshot;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The agent's side of Home Assistant MQTT discovery (opt-in: {@code homeassistant_discovery: true}): announces the
 * device config (retained) on every connect and whenever Home Assistant says it is back online, and keeps a
 * retained state message with the values the discovered sensors show. Called from the agent's own threads; every
 * method only builds a message and hands it to the link.
 */
public final class HomeAssistantBridge {
    private final String deviceId;
    private final String profile;
    /** Power sources in the order the telemetry summary prefers them: the profile's power_source, then the rest. */
    private final List<String> powerOrder;

    private final String version;
    private final BrokerLink link;
    private final Consumer<String> log;
    // The sensors' current values; null until known (left out of the state message).
    private String agentState;
    private Double maxTempC;
    private String maxTempSensor;
    private Double powerW;
    private String powerSource;
    /** The source the announced config names its power sensor after. */
    private String announcedPowerSource;

    private Double lastP50Ms;
    private String lastJobId;
    private String lastLane;

    /** @param profilePowerSource the profile's power_source; null: DeviceProfile.POWER_SOURCES' order alone */
    public HomeAssistantBridge(
            String deviceId,
            String profile,
            String profilePowerSource,
            String version,
            BrokerLink link,
            Consumer<String> log) {
        this.deviceId = Topics.checkDeviceId(deviceId);
        this.profile = profile;
        this.powerOrder = DeviceProfile.powerOrder(profilePowerSource);
        this.version = version;
        this.link = link;
        this.log = log;
    }

    /** The extra subscription: Home Assistant's birth message. */
    public static String subscription() {
        return HaTopics.BIRTH;
    }

    /**
     * Publishes the discovery config and the current state (after a connect, Home Assistant's birth, or when the
     * power sensor's source changed).
     */
    public synchronized void announce() {
        announcedPowerSource = powerSource;
        publish(HaTopics.config(deviceId), json(HaDiscovery.config(deviceId, profile, version, powerSource)));
        publishState();
        log.accept("homeassistant event=announced topic=" + HaTopics.config(deviceId));
    }

    /** Home Assistant's birth message ("online" on its status topic): the cue to announce again. */
    public static boolean isBirth(BrokerLink.Inbound in) {
        return HaTopics.BIRTH.equals(in.topic())
                && HaTopics.BIRTH_ONLINE.equals(new String(in.payload(), StandardCharsets.UTF_8).trim());
    }

    public synchronized void onState(AgentState state) {
        this.agentState = state.id();
        publishState();
    }

    /**
     * One sensors snapshot: the hottest temperature reading (and its sensor), and the power reading of the first
     * source in {@link #powerOrder} that has one. A change of power source re-announces the config, whose power
     * sensor is named after what its source measures.
     */
    public synchronized void onSensors(SensorsSnapshot sensors) {
        SensorsSnapshot.Value temp = null;
        SensorsSnapshot.Value power = null;
        for (SensorsSnapshot.Value r : sensors == null ? List.<SensorsSnapshot.Value>of() : sensors.readings()) {
            if (("C".equals(r.unit()) || "°C".equals(r.unit())) && (temp == null || r.value() > temp.value())) {
                temp = r;
            }
            int rank = powerOrder.indexOf(r.source());
            if ("W".equals(r.unit()) && rank >= 0 && (power == null || rank < powerOrder.indexOf(power.source()))) {
                power = r;
            }
        }
        maxTempC = temp == null ? null : round2(temp.value());
        maxTempSensor = temp == null ? null : temp.source() + ":" + temp.channel();
        powerW = power == null ? null : round2(power.value());
        powerSource = power == null ? null : power.source();
        if (!Objects.equals(powerSource, announcedPowerSource)) {
            announce();
        } else {
            publishState();
        }
    }

    /** A job's result message: the first measured lane's p50 becomes the "last result p50" sensor. */
    public synchronized void onResult(byte[] resultMessage) {
        try {
            JsonNode m = Json.mapper().readTree(resultMessage);
            for (JsonNode lane : ResultFields.lanes(m.get("result"))) {
                Double p50 = ResultFields.p50Us(lane);
                if (p50 != null) {
                    lastP50Ms = Math.round(p50) / 1000.0;
                    lastJobId = ResultFields.text(m, "job_id");
                    lastLane = ResultFields.laneLabel(lane);
                    publishState();
                    return;
                }
            }
        } catch (IOException e) {
            log.accept("homeassistant event=result_unreadable reason=\"" + e.getMessage() + "\"");
        }
    }

    /**
     * The empty retained config that makes Home Assistant remove the device (and the broker forget the config):
     * what {@code edgebench homeassistant remove} publishes on uninstall.
     */
    public static BrokerLink.Outbound removal(String deviceId) {
        return BrokerLink.Outbound.of(HaTopics.config(deviceId), new byte[0], Topics.QOS_RESULT, true);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private synchronized void publishState() {
        publish(
                HaTopics.state(deviceId),
                json(new HaState(
                        agentState, maxTempC, maxTempSensor, powerW, powerSource, lastP50Ms, lastJobId, lastLane)));
    }

    private static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("JSON serialisation failed: " + e.getMessage(), e);
        }
    }

    private void publish(String topic, String payload) {
        link.publish(BrokerLink.Outbound.of(topic, payload.getBytes(StandardCharsets.UTF_8), Topics.QOS_RESULT, true))
                .exceptionally(e -> {
                    log.accept(
                            "homeassistant event=publish_failed topic=" + topic + " reason=\"" + e.getMessage() + "\"");
                    return null;
                });
    }
}

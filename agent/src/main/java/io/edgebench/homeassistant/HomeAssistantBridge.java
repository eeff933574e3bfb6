package io.edgebench.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.link.BrokerLink;
import io.edgebench.resultstore.ResultFields;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.SensorsSnapshot;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The agent's side of Home Assistant MQTT discovery (opt-in: {@code homeassistant_discovery: true}): announces the
 * device config (retained) on every connect and whenever Home Assistant says it is back online, and keeps a
 * retained state message with the values the discovered sensors show. Called from the agent's own threads; every
 * method only builds a message and hands it to the link.
 */
public final class HomeAssistantBridge {
    /** Board power sources in the order the telemetry summary prefers them (SummaryCalculator.POWER_PRIORITY). */
    private static final List<String> POWER_SOURCES = List.of("ina2xx", "hwmon", "rpi_pmic", "rapl");

    private final String deviceId;
    private final String profile;
    private final String version;
    private final BrokerLink link;
    private final Consumer<String> log;
    // The sensors' current values; null until known (left out of the state message).
    private String agentState;
    private Double socTempC;
    private Double boardPowerW;
    private Double lastP50Ms;
    private String lastJobId;
    private String lastLane;

    public HomeAssistantBridge(String deviceId, String profile, String version, BrokerLink link, Consumer<String> log) {
        this.deviceId = Topics.checkDeviceId(deviceId);
        this.profile = profile;
        this.version = version;
        this.link = link;
        this.log = log;
    }

    /** The extra subscription: Home Assistant's birth message. */
    public static String subscription() {
        return HaTopics.BIRTH;
    }

    /** Publishes the discovery config and the current state (after a connect, or Home Assistant's birth). */
    public void announce() {
        publish(HaTopics.config(deviceId), json(HaDiscovery.config(deviceId, profile, version)));
        publishState();
        log.accept("homeassistant event=announced topic=" + HaTopics.config(deviceId));
    }

    /** Home Assistant's birth message ("online" on its status topic): the cue to announce again. */
    public static boolean isBirth(BrokerLink.Inbound in) {
        return HaTopics.BIRTH.equals(in.topic())
                && HaTopics.BIRTH_ONLINE.equals(new String(in.payload(), StandardCharsets.UTF_8).trim());
    }

    /** @return true when {@code in} was Home Assistant's birth message (and the config went out again) */
    public boolean onMessage(BrokerLink.Inbound in) {
        if (!HaTopics.BIRTH.equals(in.topic())) {
            return false;
        }
        if (HaTopics.BIRTH_ONLINE.equals(new String(in.payload(), StandardCharsets.UTF_8).trim())) {
            announce();
        }
        return true;
    }

    public synchronized void onState(AgentState state) {
        this.agentState = state.id();
        publishState();
    }

    /** One sensors snapshot: SoC temperature and board power picked from its readings. */
    public synchronized void onSensors(SensorsSnapshot sensors) {
        Double temp = null;
        Double power = null;
        int powerRank = Integer.MAX_VALUE;
        for (SensorsSnapshot.Value r : sensors == null ? List.<SensorsSnapshot.Value>of() : sensors.readings()) {
            // The hottest zone is the SoC on every board we know (cpu_thermal on a Pi, the TPU zone on Coral).
            if ("C".equals(r.unit()) || "°C".equals(r.unit())) {
                temp = temp == null ? r.value() : Math.max(temp, r.value());
            }
            int rank = POWER_SOURCES.indexOf(r.source());
            if ("W".equals(r.unit()) && rank >= 0 && rank < powerRank) {
                power = r.value();
                powerRank = rank;
            }
        }
        socTempC = round2(temp);
        boardPowerW = round2(power);
        publishState();
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

    private static Double round2(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    private synchronized void publishState() {
        publish(
                HaTopics.state(deviceId),
                json(new HaState(agentState, socTempC, boardPowerW, lastP50Ms, lastJobId, lastLane)));
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

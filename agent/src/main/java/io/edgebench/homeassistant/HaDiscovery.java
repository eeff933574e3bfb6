package io.edgebench.homeassistant;

import io.edgebench.protocol.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device-based discovery config of one agent (Home Assistant MQTT integration, "device discovery payload":
 * {@code dev}, {@code o}, {@code cmps}, shared availability; schema DEVICE_DISCOVERY_SCHEMA in
 * homeassistant/components/mqtt/schemas.py). Component names are Home Assistant's abbreviations
 * (abbreviations.py), which the project's snake_case JSON naming produces from these record components
 * ({@code statT} is {@code stat_t}). Availability follows the agent's retained status (its will says offline), so
 * Home Assistant greys the sensors out when the board drops off the broker.
 */
public record HaDiscovery(Device dev, Origin o, List<Availability> avty, String statT, int qos,
        Map<String, Sensor> cmps) {

    public HaDiscovery {
        avty = List.copyOf(avty);
        cmps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cmps));
    }

    /** dev: ids (identifiers), mf (manufacturer), mdl (model), sw (sw_version). */
    public record Device(List<String> ids, String name, String mf, String mdl, String sw) {}

    /** o: who publishes the config. */
    public record Origin(String name, String sw) {}

    /** avty entry: t (topic) and val_tpl mapping the status payload to online/offline. */
    public record Availability(String t, String valTpl) {}

    /** A sensor component; null fields are left out. */
    public record Sensor(String p, String name, String uniqId, String valTpl, String devCla, String unitOfMeas,
            String statCla, String ic, String jsonAttrT, String jsonAttrTpl) {}

    public static HaDiscovery config(String deviceId, String profile, String version) {
        String id = HaTopics.objectId(deviceId);
        Map<String, Sensor> cmps = new LinkedHashMap<>();
        cmps.put(id + "_soc_temp", sensor(id, "soc_temp", "SoC temperature", "soc_temp_c", "temperature", "°C", null,
                null, null));
        cmps.put(id + "_board_power", sensor(id, "board_power", "Board power", "board_power_w", "power", "W", null,
                null, null));
        cmps.put(id + "_state", new Sensor("sensor", "State", id + "_state", template("state"), null, null, null,
                "mdi:state-machine", null, null));
        cmps.put(id + "_last_p50", sensor(id, "last_p50", "Last result p50", "last_p50_ms", "duration", "ms", null,
                HaTopics.state(deviceId), "{{ {'job_id': value_json.last_job_id, 'lane': value_json.last_lane} | tojson }}"));
        return new HaDiscovery(new Device(List.of(id), "edgebench " + deviceId, "edgebench",
                profile == null ? "unknown board" : profile, version), new Origin("edgebench", version),
                // busy is available too: only the will's (or a clean stop's) "offline" makes the entities unavailable
                List.of(new Availability(Topics.status(deviceId),
                        "{{ 'offline' if value_json.state == 'offline' else 'online' }}")),
                HaTopics.state(deviceId), Topics.QOS_RESULT, cmps);
    }

    private static Sensor sensor(String id, String key, String name, String field, String deviceClass, String unit,
            String icon, String attrTopic, String attrTemplate) {
        return new Sensor("sensor", name, id + "_" + key, template(field), deviceClass, unit, "measurement", icon,
                attrTopic, attrTemplate);
    }

    /** "| default(None)": a field the state lacks (no power sensor) is unknown in Home Assistant, not an error. */
    private static String template(String field) {
        return "{{ value_json." + field + " | default(None) }}";
    }
}

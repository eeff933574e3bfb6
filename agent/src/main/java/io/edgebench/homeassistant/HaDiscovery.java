package io.edgebench.homeassistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.protocol.Topics;

/**
 * The device-based discovery config of one agent (Home Assistant MQTT integration, "device discovery payload":
 * {@code dev}, {@code o}, {@code cmps}, shared availability; schema DEVICE_DISCOVERY_SCHEMA in
 * homeassistant/components/mqtt/schemas.py). Availability follows the agent's retained status (its will says
 * offline), so Home Assistant greys the sensors out when the board drops off the broker.
 */
public final class HaDiscovery {
    private HaDiscovery() {}

    public static ObjectNode config(String deviceId, String profile, String version) {
        String id = HaTopics.objectId(deviceId);
        ObjectNode c = Json.mapper().createObjectNode();
        ObjectNode dev = c.putObject("dev");
        dev.putArray("ids").add(id);
        dev.put("name", "edgebench " + deviceId);
        dev.put("mf", "edgebench");
        dev.put("mdl", profile == null ? "unknown board" : profile);
        dev.put("sw", version);
        c.putObject("o").put("name", "edgebench").put("sw", version);
        // busy is available too: only the will's (or a clean stop's) "offline" makes the entities unavailable
        c.putArray("avty").addObject().put("t", Topics.status(deviceId))
                .put("val_tpl", "{{ 'offline' if value_json.state == 'offline' else 'online' }}");
        c.put("stat_t", HaTopics.state(deviceId));
        c.put("qos", Topics.QOS_RESULT);
        ObjectNode cmps = c.putObject("cmps");
        sensor(cmps, id, "soc_temp", "SoC temperature", "soc_temp_c").put("dev_cla", "temperature")
                .put("unit_of_meas", "°C").put("stat_cla", "measurement");
        sensor(cmps, id, "board_power", "Board power", "board_power_w").put("dev_cla", "power")
                .put("unit_of_meas", "W").put("stat_cla", "measurement");
        sensor(cmps, id, "state", "State", "state").put("ic", "mdi:state-machine");
        sensor(cmps, id, "last_p50", "Last result p50", "last_p50_ms").put("dev_cla", "duration")
                .put("unit_of_meas", "ms").put("stat_cla", "measurement")
                .put("json_attr_t", HaTopics.state(deviceId)).put("json_attr_tpl",
                        "{{ {'job_id': value_json.last_job_id, 'lane': value_json.last_lane} | tojson }}");
        return c;
    }

    private static ObjectNode sensor(ObjectNode cmps, String id, String key, String name, String field) {
        ObjectNode s = cmps.putObject(id + "_" + key);
        s.put("p", "sensor");
        s.put("name", name);
        s.put("uniq_id", id + "_" + key);
        // "| default(None)": a field the state lacks (no power sensor) is unknown in Home Assistant, not an error
        s.put("val_tpl", "{{ value_json." + field + " | default(None) }}");
        return s;
    }
}

package io.edgebench.homeassistant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.edgebench.wire.Topics;
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
public record HaDiscovery(
        Device dev, Origin o, List<Availability> avty, String statT, int qos, Map<String, Sensor> cmps) {

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

    /**
     * A sensor component; absent groups are left out. {@code measured}: a numeric sensor's class, unit and state
     * class; {@code attributes}: extra attributes from a JSON topic.
     */
    public record Sensor(
            String p,
            String name,
            String uniqId,
            String valTpl,
            @JsonUnwrapped Measured measured,
            String ic,
            @JsonUnwrapped Attributes attributes) {}

    /** dev_cla, unit_of_meas, stat_cla of a measured sensor. */
    public record Measured(String devCla, String unitOfMeas, String statCla) {
        static Measured of(String deviceClass, String unit) {
            return new Measured(deviceClass, unit, "measurement");
        }
    }

    /** json_attr_t, json_attr_tpl. */
    public record Attributes(String jsonAttrT, String jsonAttrTpl) {}

    /**
     * @param powerSource the source the power sensor shows (its name says what that source measures); null: not
     *     known yet
     */
    public static HaDiscovery config(String deviceId, String profile, String version, String powerSource) {
        String id = HaTopics.objectId(deviceId);
        Map<String, Sensor> cmps = new LinkedHashMap<>();
        cmps.put(
                id + "_max_temp",
                new Sensor(
                        "sensor",
                        "Hottest temperature",
                        id + "_max_temp",
                        template("max_temp_c"),
                        Measured.of("temperature", "°C"),
                        null,
                        new Attributes(
                                HaTopics.state(deviceId), "{{ {'sensor': value_json.max_temp_sensor} | tojson }}")));
        cmps.put(
                id + "_power",
                new Sensor(
                        "sensor",
                        powerName(powerSource),
                        id + "_power",
                        template("power_w"),
                        Measured.of("power", "W"),
                        null,
                        new Attributes(
                                HaTopics.state(deviceId), "{{ {'power_source': value_json.power_source} | tojson }}")));
        cmps.put(
                id + "_state",
                new Sensor("sensor", "State", id + "_state", template("state"), null, "mdi:state-machine", null));
        cmps.put(
                id + "_last_p50",
                new Sensor(
                        "sensor",
                        "Last result p50",
                        id + "_last_p50",
                        template("last_p50_ms"),
                        Measured.of("duration", "ms"),
                        null,
                        new Attributes(
                                HaTopics.state(deviceId),
                                "{{ {'job_id': value_json.last_job_id, 'lane': value_json.last_lane} | tojson }}")));
        String model = profile == null ? "unknown board" : profile;
        return new HaDiscovery(
                new Device(List.of(id), "edgebench " + deviceId, "edgebench", model, version),
                new Origin("edgebench", version),
                // busy is available too: only the will's (or a clean stop's) "offline" makes the entities unavailable
                List.of(new Availability(
                        Topics.status(deviceId), "{{ 'offline' if value_json.state == 'offline' else 'online' }}")),
                HaTopics.state(deviceId),
                Topics.QOS_RESULT,
                cmps);
    }

    /** What each power source measures (DeviceProfile.POWER_SOURCES): only ina2xx and a smart plug see the board. */
    static String powerName(String powerSource) {
        if (powerSource == null) {
            return "Power";
        }
        return switch (powerSource) {
            case "ina2xx" -> "Board power (INA2xx)";
            case "mqtt_power" -> "Board power (smart plug)";
            case "rpi_pmic" -> "SoC power (PMIC)";
            case "rapl" -> "CPU package power (RAPL)";
            default -> "Power (" + powerSource + ")";
        };
    }

    /** "| default(None)": a field the state lacks (no power sensor) is unknown in Home Assistant, not an error. */
    private static String template(String field) {
        return "{{ value_json." + field + " | default(None) }}";
    }
}

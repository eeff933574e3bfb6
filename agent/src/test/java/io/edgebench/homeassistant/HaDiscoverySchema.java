package io.edgebench.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented device-based discovery schema, as a checker for tests: Home Assistant's
 * DEVICE_DISCOVERY_SCHEMA (homeassistant/components/mqtt/schemas.py) with the abbreviations of
 * homeassistant/components/mqtt/abbreviations.py expanded. Required: a device with at least one identifier, an
 * origin with a name, components each naming a supported platform; availability either one topic or a list of
 * {topic, ...}, not both; topics valid (no wildcards where published, none empty); qos 0..2. For sensors it also
 * checks what the sensor platform needs for the values to show: a unique id, and units matching device classes.
 */
final class HaDiscoverySchema {
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("dev", "device"),
            Map.entry("o", "origin"),
            Map.entry("cmps", "components"),
            Map.entry("p", "platform"),
            Map.entry("avty", "availability"),
            Map.entry("avty_t", "availability_topic"),
            Map.entry("avty_mode", "availability_mode"),
            Map.entry("t", "topic"),
            Map.entry("val_tpl", "value_template"),
            Map.entry("stat_t", "state_topic"),
            Map.entry("uniq_id", "unique_id"),
            Map.entry("dev_cla", "device_class"),
            Map.entry("unit_of_meas", "unit_of_measurement"),
            Map.entry("stat_cla", "state_class"),
            Map.entry("json_attr_t", "json_attributes_topic"),
            Map.entry("json_attr_tpl", "json_attributes_template"),
            Map.entry("ic", "icon"),
            Map.entry("pl_avail", "payload_available"),
            Map.entry("pl_not_avail", "payload_not_available"),
            Map.entry("ids", "identifiers"),
            Map.entry("mf", "manufacturer"),
            Map.entry("mdl", "model"),
            Map.entry("sw", "sw_version"),
            Map.entry("url", "support_url"));
    private static final Set<String> TOP = Set.of(
            "device",
            "origin",
            "components",
            "availability",
            "availability_topic",
            "availability_mode",
            "availability_template",
            "payload_available",
            "payload_not_available",
            "state_topic",
            "command_topic",
            "qos",
            "encoding");
    private static final Set<String> DEVICE = Set.of(
            "identifiers",
            "connections",
            "manufacturer",
            "model",
            "name",
            "hw_version",
            "serial_number",
            "sw_version",
            "via_device",
            "suggested_area",
            "configuration_url");
    private static final Set<String> ORIGIN = Set.of("name", "sw_version", "support_url");
    private static final Set<String> PLATFORMS = Set.of(
            "binary_sensor",
            "button",
            "sensor",
            "switch",
            "number",
            "select",
            "text",
            "update",
            "event",
            "device_automation",
            "tag");
    private static final Set<String> SENSOR = Set.of(
            "platform",
            "name",
            "unique_id",
            "value_template",
            "state_topic",
            "device_class",
            "unit_of_measurement",
            "state_class",
            "json_attributes_topic",
            "json_attributes_template",
            "icon",
            "availability",
            "availability_topic",
            "qos",
            "expire_after",
            "force_update",
            "entity_category",
            "enabled_by_default",
            "object_id",
            "suggested_display_precision");
    private static final Map<String, String> UNITS = Map.of("temperature", "°C", "power", "W", "duration", "ms");

    private HaDiscoverySchema() {}

    /** Every violation, empty when the payload is valid. */
    static List<String> violations(JsonNode config) {
        List<String> v = new ArrayList<>();
        if (config == null || !config.isObject()) {
            return List.of("payload must be a JSON object");
        }
        keys(config, TOP, "", v);
        JsonNode dev = get(config, "device");
        if (dev == null || !dev.isObject()) {
            v.add("device is required");
        } else {
            keys(dev, DEVICE, "device.", v);
            JsonNode ids = get(dev, "identifiers");
            if ((ids == null || ids.isEmpty()) && get(dev, "connections") == null) {
                v.add("device must have at least one identifying value in 'identifiers' and/or 'connections'");
            }
        }
        JsonNode origin = get(config, "origin");
        if (origin == null
                || !origin.isObject()
                || get(origin, "name") == null
                || !get(origin, "name").isTextual()) {
            v.add("origin with a name is required");
        } else {
            keys(origin, ORIGIN, "origin.", v);
        }
        availability(config, v);
        topic(get(config, "state_topic"), "state_topic", v);
        JsonNode qos = get(config, "qos");
        if (qos != null && (!qos.isInt() || qos.asInt() < 0 || qos.asInt() > 2)) {
            v.add("qos must be 0, 1 or 2, got " + qos);
        }
        JsonNode cmps = get(config, "components");
        if (cmps == null || !cmps.isObject() || cmps.isEmpty()) {
            v.add("components is required (one entry per entity)");
        } else {
            cmps.fields().forEachRemaining(e -> component(e.getKey(), e.getValue(), v));
        }
        return v;
    }

    private static void availability(JsonNode config, List<String> v) {
        JsonNode list = get(config, "availability");
        if (list != null && get(config, "availability_topic") != null) {
            v.add("availability and availability_topic are exclusive");
        }
        if (list == null) {
            topic(get(config, "availability_topic"), "availability_topic", v);
            return;
        }
        if (!list.isArray() || list.isEmpty()) {
            v.add("availability must be a non-empty list");
            return;
        }
        for (JsonNode a : list) {
            keys(
                    a,
                    Set.of("topic", "payload_available", "payload_not_available", "value_template"),
                    "availability.",
                    v);
            if (get(a, "topic") == null) {
                v.add("availability entries need a topic");
            }
            topic(get(a, "topic"), "availability.topic", v);
        }
    }

    private static void component(String key, JsonNode c, List<String> v) {
        JsonNode p = get(c, "platform");
        if (p == null || !PLATFORMS.contains(p.asText())) {
            v.add("components." + key + ".platform must be a supported platform, got " + p);
            return;
        }
        if (!"sensor".equals(p.asText())) {
            return;
        }
        keys(c, SENSOR, "components." + key + ".", v);
        if (get(c, "unique_id") == null) {
            v.add("components." + key + ".unique_id is required for device discovery");
        }
        JsonNode cls = get(c, "device_class");
        if (cls != null && UNITS.containsKey(cls.asText())) {
            JsonNode unit = get(c, "unit_of_measurement");
            if (unit == null || !UNITS.get(cls.asText()).equals(unit.asText())) {
                v.add("components." + key + ": device_class " + cls + " wants unit " + UNITS.get(cls.asText()));
            }
        }
    }

    private static void topic(JsonNode t, String name, List<String> v) {
        if (t != null
                && (!t.isTextual()
                        || t.asText().isEmpty()
                        || t.asText().contains("#")
                        || t.asText().contains("+"))) {
            v.add(name + " must be a plain topic, got " + t);
        }
    }

    private static void keys(JsonNode node, Set<String> allowed, String where, List<String> v) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(ABBREVIATIONS.getOrDefault(k, k))) {
                v.add("unknown key " + where + k);
            }
        }
    }

    /** The field under its full name or its abbreviation. */
    static JsonNode get(JsonNode node, String full) {
        if (node == null || !node.isObject()) {
            return null;
        }
        if (node.has(full)) {
            return node.get(full);
        }
        for (Map.Entry<String, String> e : ABBREVIATIONS.entrySet()) {
            if (e.getValue().equals(full) && node.has(e.getKey())) {
                return node.get(e.getKey());
            }
        }
        return null;
    }
}

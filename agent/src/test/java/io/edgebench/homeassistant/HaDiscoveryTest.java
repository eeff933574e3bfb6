package io.edgebench.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The discovery config against the documented schema, and the checker against payloads it must reject. */
class HaDiscoveryTest {
    @Test
    void objectIds_areOnePerDeviceId_aDotAndAnUnderscoreNeverMeet() {
        List<String> ids = List.of("a.b", "a_b", "a__b", "a._b", "a_.b", "a_db", "a-b", "ab");
        assertEquals(
                ids.size(),
                ids.stream().map(HaTopics::objectId).distinct().count(),
                ids.stream().map(HaTopics::objectId).toList().toString());
        assertEquals("edgebench_pi5-lab", HaTopics.objectId("pi5-lab"), "ids without . or _ keep their object id");
    }

    @Test
    void config_matchesDeviceDiscoverySchema() {
        ObjectNode c = tree(HaDiscovery.config("pi5.lab", "rpi5", "0.1.0", "rpi_pmic"));
        assertEquals(List.of(), HaDiscoverySchema.violations(c));
        assertEquals("homeassistant/device/edgebench_pi5_dlab/config", HaTopics.config("pi5.lab"));
        assertEquals("edgebench/pi5.lab/status", c.get("avty").get(0).get("t").asText());
        assertEquals(4, c.get("cmps").size());
    }

    @Test
    void checker_rejectsMissingOriginUnknownKeysAndWrongUnits() {
        ObjectNode c = tree(HaDiscovery.config("pi5-lab", "rpi5", "0.1.0", "ina2xx"));
        c.remove("o");
        c.put("stat_topic", "x");
        ((ObjectNode) c.get("cmps").get("edgebench_pi5-lab_power")).put("unit_of_meas", "mW");
        List<String> v = HaDiscoverySchema.violations(c);
        assertEquals(3, v.size(), v.toString());
        assertFalse(HaDiscoverySchema.violations(tree(HaDiscovery.config("x", null, "1", null)))
                .contains("origin"));
        JsonNode sensor = c.get("cmps").get("edgebench_pi5-lab_state");
        assertFalse(sensor.has("dev_cla"), "absent fields are left out, not null: " + sensor);
    }

    private static ObjectNode tree(HaDiscovery d) {
        return Json.mapper().valueToTree(d);
    }
}

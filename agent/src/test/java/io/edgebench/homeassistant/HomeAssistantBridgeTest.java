package io.edgebench.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.PublishAck;
import io.edgebench.wire.SensorsSnapshot;
import io.edgebench.wire.SensorsSnapshot.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which reading each sensor shows, and that its name says what that reading measures. */
class HomeAssistantBridgeTest {
    private static final String DEV = "pc-lab";

    /** Keeps what the bridge publishes. */
    private static final class RecordingLink implements BrokerLink {
        final List<Outbound> sent = new ArrayList<>();

        @Override
        public void start(List<String> subscriptions, Listener listener) {}

        @Override
        public CompletableFuture<PublishAck> publish(Outbound message) {
            sent.add(message);
            return CompletableFuture.completedFuture(PublishAck.ACCEPTED);
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void close(Outbound last) {}

        JsonNode last(String topic) throws IOException {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i).topic().equals(topic)) {
                    return Json.mapper().readTree(sent.get(i).payload());
                }
            }
            throw new AssertionError("nothing published on [" + topic + "]");
        }
    }

    private static SensorsSnapshot readings(Value... values) {
        return new SensorsSnapshot("x86-dev", List.of(values), List.of());
    }

    private static String powerName(RecordingLink link) throws IOException {
        return link.last(HaTopics.config(DEV))
                .get("cmps")
                .get(HaTopics.objectId(DEV) + "_power")
                .get("name")
                .asText();
    }

    @Test
    void onSensors_raplOnly_isCpuPackagePowerNotBoardPower() throws IOException {
        RecordingLink link = new RecordingLink();
        HomeAssistantBridge b = new HomeAssistantBridge(DEV, "x86-dev", "rapl", "1", link, line -> {});
        b.announce();
        assertEquals("Power", powerName(link), "no reading yet: no claim");
        b.onSensors(readings(
                new Value("thermal", "x86_pkg_temp", 61.0, "C"),
                new Value("hwmon", "nvme/temp1", 44.0, "C"),
                new Value("rapl", "package-0", 14.256, "W")));
        JsonNode state = link.last(HaTopics.state(DEV));
        assertEquals(14.26, state.get("power_w").asDouble(), 1e-9);
        assertEquals("rapl", state.get("power_source").asText());
        assertEquals(61.0, state.get("max_temp_c").asDouble(), 1e-9);
        assertEquals("thermal:x86_pkg_temp", state.get("max_temp_sensor").asText());
        assertEquals("CPU package power (RAPL)", powerName(link), "re-announced once the source was known");
    }

    @Test
    void onSensors_noProfileSource_smartPlugBeforeHwmonPmicAndRapl() throws IOException {
        RecordingLink link = new RecordingLink();
        HomeAssistantBridge b = new HomeAssistantBridge(DEV, null, null, "1", link, line -> {});
        b.onSensors(readings(
                new Value("rapl", "package-0", 9.5, "W"),
                new Value("rpi_pmic", "total", 3.1, "W"),
                new Value("mqtt_power", "plug1", 7.25, "W")));
        assertEquals(
                "mqtt_power", link.last(HaTopics.state(DEV)).get("power_source").asText());
        assertEquals("Board power (smart plug)", powerName(link));
    }

    @Test
    void onSensors_profilePowerSource_winsOverTheDefaultOrder() throws IOException {
        RecordingLink link = new RecordingLink();
        HomeAssistantBridge b = new HomeAssistantBridge(DEV, "rpi5", "rpi_pmic", "1", link, line -> {});
        b.onSensors(readings(new Value("ina2xx", "board", 4.8, "W"), new Value("rpi_pmic", "total", 3.1, "W")));
        assertEquals(3.1, link.last(HaTopics.state(DEV)).get("power_w").asDouble(), 1e-9);
        assertEquals("SoC power (PMIC)", powerName(link));
    }
}

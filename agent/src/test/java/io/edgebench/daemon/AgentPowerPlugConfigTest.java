package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.config.AgentConfig;
import io.edgebench.config.AgentConfigLoader;
import io.edgebench.config.MqttPowerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** power_plug in the agent config: file, environment, flag; checked at start; the agent's broker by default. */
class AgentPowerPlugConfigTest {
    @TempDir
    Path tmp;

    @Test
    void fileEnvAndFlag_lastWins_andTheSpecComesOutParsed() throws Exception {
        Path file = Files.writeString(tmp.resolve("agent.yaml"), "power_plug: tasmota:from-file\n");
        AgentConfig fromFile = AgentConfigLoader.load(file, true, Map.of(), Map.of());
        MqttPowerSpec spec = fromFile.powerPlugSpec();
        assertEquals("tasmota", spec.preset());
        assertEquals("from-file", spec.device());
        assertNull(spec.brokerUrl(), "no broker of its own: the agent's is used");
        assertEquals("tasmota:from-file", fromFile.describe().get("power_plug"));

        AgentConfig fromEnv = AgentConfigLoader.load(
                file, true, Map.of("EDGEBENCH_POWER_PLUG", "shelly_gen2:plus1@tcp://127.0.0.1:1884"), Map.of());
        assertEquals("shelly_gen2", fromEnv.powerPlugSpec().preset());
        assertEquals("tcp://127.0.0.1:1884", fromEnv.powerPlugSpec().brokerUrl());

        AgentConfig none = AgentConfigLoader.load(tmp.resolve("absent.yaml"), false, Map.of(), Map.of());
        assertNull(none.powerPlugSpec());
    }

    @Test
    void malformedPlug_failsAtStart_withTheForm() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AgentConfigLoader.load(
                        tmp.resolve("absent.yaml"), false, Map.of(), Map.of("power_plug", "plug1")));
        assertTrue(
                e.getMessage().startsWith("power_plug [plug1] must look like PRESET:DEVICE[@BROKER_URL]"),
                e.getMessage());
    }
}

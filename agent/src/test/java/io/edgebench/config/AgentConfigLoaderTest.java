package io.edgebench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.daemon.AgentRunner;
import io.edgebench.daemon.DeviceProbes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void precedence_defaultsFileEnvFlags() throws Exception {
        Path file = tmp.resolve("agent.yaml");
        Files.writeString(
                file,
                "broker_url: tcp://file:1883\ndevice_id: from-file\nqueue_capacity: 3\n"
                        + "tls:\n  ca_file: /etc/ca.pem\n");
        AgentConfig c = AgentConfigLoader.load(
                file,
                true,
                Map.of("EDGEBENCH_BROKER", "ssl://env:8883", "EDGEBENCH_QUEUE_CAPACITY", "5"),
                Map.of("queue_capacity", "7"));
        assertEquals("ssl://env:8883", c.brokerUrl());
        assertEquals("from-file", c.deviceId());
        assertEquals(7, c.queueCapacity());
        assertEquals(Path.of("/etc/ca.pem"), c.caFile());
        assertEquals(Path.of("/var/lib/edgebench/models"), c.modelsDir());
        assertEquals(0.0, c.telemetryPeriodS());
    }

    @Test
    void describe_masksThePassword() throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        AgentConfig c = AgentConfigLoader.load(
                tmp.resolve("absent.yaml"), false, Map.of(), Map.of("password_file", pw.toString(), "device_id", "pi"));
        assertFalse(c.describe().toString().contains("s3cret"));
        assertTrue(c.describe().get("password").startsWith("****"));
        assertEquals(
                "s3cret",
                AgentRunner.linkSettings(c, DeviceProbes.NONE, Map.of()).password());
        assertFalse(AgentRunner.linkSettings(c, DeviceProbes.NONE, Map.of())
                .toString()
                .contains("s3cret"));
        assertEquals(
                "edgebench-pi",
                AgentRunner.linkSettings(c, DeviceProbes.NONE, Map.of()).clientId());
    }

    @Test
    void clientId_fromFileOrFlag_overridesTheDeviceDefault() throws Exception {
        Path file = Files.writeString(tmp.resolve("agent.yaml"), "device_id: pi\nclient_id: from-file\n");
        assertEquals(
                "from-file",
                AgentConfigLoader.load(file, true, Map.of(), Map.of()).clientId());
        assertEquals(
                "from-flag",
                AgentConfigLoader.load(file, true, Map.of(), Map.of("client_id", "from-flag"))
                        .clientId());
    }

    @Test
    void responseTopicPrefixes_fromAYamlListOrACommaList_andUnsafeOnesRefused() throws Exception {
        Path file = Files.writeString(
                tmp.resolve("agent.yaml"), "device_id: pi\nresponse_topic_prefixes: [replies/, app/x/]\n");
        assertEquals(
                java.util.List.of("replies/", "app/x/"),
                AgentConfigLoader.load(file, true, Map.of(), Map.of()).responseTopicPrefixes());
        assertEquals(
                java.util.List.of("a/", "b/"),
                AgentConfigLoader.load(file, true, Map.of("EDGEBENCH_RESPONSE_TOPIC_PREFIXES", "a/, b/"), Map.of())
                        .responseTopicPrefixes());
        for (String bad : new String[] {"homeassistant/", "$SYS/", "replies", "a/#/"}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> AgentConfigLoader.load(file, true, Map.of(), Map.of("response_topic_prefixes", bad)));
            assertTrue(e.getMessage().contains("response_topic_prefixes entry [" + bad + "]"), e.getMessage());
        }
    }

    @Test
    void badValues_areNamedWithTheirValue() throws Exception {
        Path file = tmp.resolve("agent.yaml");
        Files.writeString(file, "brokr_url: tcp://x\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> AgentConfigLoader.load(file, true, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("unknown key [brokr_url]"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> AgentConfigLoader.load(tmp.resolve("none"), false, Map.of(), Map.of("broker_url", "http://x")));
        assertTrue(e.getMessage().contains("broker_url [http://x] must start with tcp:// or ssl://"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> AgentConfigLoader.load(tmp.resolve("none"), false, Map.of(), Map.of("device_id", "fleet")));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> AgentConfigLoader.load(tmp.resolve("none"), true, Map.of(), Map.of()));
    }

    @Test
    void maxModelBytes_withASuffix_namesTheKeyAndTheExpectedForm() throws Exception {
        Path file = Files.writeString(tmp.resolve("agent.yaml"), "device_id: pi\nmax_model_bytes: 64M\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> AgentConfigLoader.load(file, true, Map.of(), Map.of()));
        assertEquals(
                "max_model_bytes [64M] must be a whole number of bytes, e.g. 67108864 (64 MiB); suffixes such as 64M"
                        + " are not read",
                e.getMessage());
    }

    @Test
    void telemetryDuringJobs_yes_isRefusedNotSilentlyFalse() throws Exception {
        Path file = Files.writeString(tmp.resolve("agent.yaml"), "device_id: pi\ntelemetry_during_jobs: \"yes\"\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> AgentConfigLoader.load(file, true, Map.of(), Map.of()));
        assertEquals("telemetry_during_jobs [yes] must be true or false", e.getMessage());
        assertTrue(AgentConfigLoader.load(file, true, Map.of("EDGEBENCH_TELEMETRY_DURING_JOBS", "true"), Map.of())
                .telemetryDuringJobs());
    }

    @Test
    void keysNotGiven_takeTheBuildersDefaults() throws Exception {
        AgentConfig loaded =
                AgentConfigLoader.load(tmp.resolve("absent.yaml"), false, Map.of(), Map.of("device_id", "pi"));
        AgentConfig built = AgentConfig.builder("tcp://localhost:1883", "pi", Path.of("/var/lib/edgebench"))
                .build();
        assertEquals(built, loaded);
    }
}

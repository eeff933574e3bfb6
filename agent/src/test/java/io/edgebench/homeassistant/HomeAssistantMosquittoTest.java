package io.edgebench.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.cli.Main;
import io.edgebench.config.AgentConfig;
import io.edgebench.daemon.Agent;
import io.edgebench.daemon.DeviceProbes;
import io.edgebench.daemon.JobExecutor;
import io.edgebench.link.Backoff;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.model.ModelInspection;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Command;
import io.edgebench.wire.SensorsSnapshot;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent with homeassistant_discovery on a real mosquitto: the retained device config validates against the
 * documented schema, availability is the status topic, the state follows sensors and results, Home Assistant's
 * birth message brings a re-announce, and `edgebench homeassistant remove` clears the retained config.
 */
@Tag("slow")
class HomeAssistantMosquittoTest {
    private static final String DEV = "pi5-lab";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    /** A board with a SoC thermal zone and an INA226 (readings as `edgebench sensors --json` lists them). */
    private static final DeviceProbes PROBES = new DeviceProbes() {
        @Override
        public Map<String, String> runtimes() {
            return Map.of("tflite", "2.21.0");
        }

        @Override
        public List<String> accelerators() {
            return List.of();
        }

        @Override
        public ModelInspection inspect(Path model) {
            throw new UnsupportedOperationException("not in this test");
        }

        @Override
        public SensorsSnapshot sensors() {
            return new SensorsSnapshot(
                    "rpi5",
                    List.of(
                            new SensorsSnapshot.Value("thermal", "cpu_thermal", 51.234, "C"),
                            new SensorsSnapshot.Value("rapl", "package", 9.5, "W"),
                            new SensorsSnapshot.Value("ina2xx", "board", 4.812, "W")),
                    List.of());
        }
    };

    private static final JobExecutor BENCH = (job, listener, cancelled) -> ResultFixtures.benchOutput(
            Board.PI5,
            "tflite",
            "xnnpack",
            ((Command.Bench) job.command()).params().runs());

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void discovery_validates_reannouncesOnBirth_removedByCli() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient ha = new TestClient(broker.url())) {
            ha.subscribe(HaTopics.PREFIX + "/#");
            ha.subscribe(HaTopics.state(DEV));
            Agent agent = agent(broker.url());
            try {
                JsonNode config = awaitConfigs(ha, 1).get(0).json();
                assertEquals(List.of(), HaDiscoverySchema.violations(config), config.toString());
                assertEquals(
                        Topics.status(DEV), config.get("avty").get(0).get("t").asText(), "availability = status");
                assertEquals(
                        "edgebench_" + DEV, config.get("dev").get("ids").get(0).asText());
                assertEquals("rpi5", config.get("dev").get("mdl").asText());
                assertEquals(4, config.get("cmps").size());
                config.get("cmps")
                        .forEach(c -> assertEquals(
                                HaTopics.state(DEV), config.get("stat_t").asText()));

                JsonNode state = awaitState(ha, s -> s.has("max_temp_c") && s.has("state"));
                assertEquals(51.23, state.get("max_temp_c").asDouble(), 1e-9, "hottest zone, rounded");
                assertEquals("thermal:cpu_thermal", state.get("max_temp_sensor").asText());
                assertEquals(4.81, state.get("power_w").asDouble(), 1e-9, "ina2xx preferred over rapl");
                assertEquals("ina2xx", state.get("power_source").asText());
                List<TestClient.Received> configs = ha.on(HaTopics.config(DEV));
                assertEquals(
                        "Board power (INA2xx)",
                        configs.get(configs.size() - 1)
                                .json()
                                .get("cmps")
                                .get("edgebench_" + DEV + "_power")
                                .get("name")
                                .asText(),
                        "the power sensor is named after what its source measures");
                assertEquals("online", state.get("state").asText());

                Files.createDirectories(tmp.resolve("data/models"));
                Files.write(tmp.resolve("data/models/m.tflite"), new byte[] {1});
                ha.publish(Topics.cmd(DEV, Topics.BENCH), "{\"model\":\"m.tflite\",\"runs\":20}", null, null);
                JsonNode after = awaitState(ha, s -> s.has("last_p50_ms"));
                assertTrue(after.get("last_p50_ms").asDouble() > 0, after.toString());
                assertEquals(
                        "mobilenet_v2.tflite tflite:xnnpack x4",
                        after.get("last_lane").asText());

                int before = ha.on(HaTopics.config(DEV)).size();
                ha.publish(HaTopics.BIRTH, "online", null, null);
                awaitConfigs(ha, before + 1);
                assertEquals(
                        List.of(),
                        HaDiscoverySchema.violations(
                                ha.on(HaTopics.config(DEV)).get(before).json()),
                        "the re-announce is the same valid config");
            } finally {
                agent.stop("test done");
            }
            try (TestClient late = new TestClient(broker.url())) {
                late.subscribe(HaTopics.config(DEV));
                Awaitility.await("retained config")
                        .atMost(WAIT)
                        .until(() -> !late.on(HaTopics.config(DEV)).isEmpty());
                assertTrue(late.on(HaTopics.config(DEV)).get(0).retained(), "the config is retained");
            }
            assertEquals(0, Main.run("homeassistant", "remove", "--broker", broker.url(), "--device", DEV));
            try (TestClient late = new TestClient(broker.url())) {
                late.subscribe(Topics.status(DEV)); // retained: proves the subscription is live before the check
                late.subscribe(HaTopics.config(DEV));
                Awaitility.await("status")
                        .atMost(WAIT)
                        .until(() -> !late.on(Topics.status(DEV)).isEmpty());
                assertEquals(List.of(), late.on(HaTopics.config(DEV)), "no retained config after remove");
            }
        }
    }

    private Agent agent(String url) throws Exception {
        AgentConfig config = AgentConfig.builder(url, DEV, tmp.resolve("data"))
                .profile("rpi5")
                .queueCapacity(4)
                .maxModelBytes(1 << 20)
                .homeassistantDiscovery(true)
                .responseTopicPrefixes(List.of("test/"))
                .build();
        BrokerLink.Outbound will =
                BrokerLink.Outbound.of(Topics.status(DEV), Agent.offlineStatus(config, PROBES), 1, true);
        List<String> log = new CopyOnWriteArrayList<>();
        LinkSettings settings = LinkSettings.builder(url, "edgebench-" + DEV)
                .will(will)
                .backoff(new Backoff(100, 1000, Math::random))
                .maxPacketBytes(LinkSettings.COMMAND_MAX_PACKET_BYTES)
                .build();
        Agent agent = new Agent(
                config, new PahoBrokerLink(settings, log::add), BENCH, PROBES, false, log::add, Clock.systemUTC());
        agent.start();
        return agent;
    }

    private static List<TestClient.Received> awaitConfigs(TestClient c, int n) {
        Awaitility.await(n + " discovery configs")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> c.on(HaTopics.config(DEV)).size() >= n);
        return c.on(HaTopics.config(DEV));
    }

    private static JsonNode awaitState(TestClient c, java.util.function.Predicate<JsonNode> p) {
        Awaitility.await("state")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var all = c.on(HaTopics.state(DEV));
                    return !all.isEmpty() && p.test(all.get(all.size() - 1).json());
                });
        var all = c.on(HaTopics.state(DEV));
        return all.get(all.size() - 1).json();
    }
}

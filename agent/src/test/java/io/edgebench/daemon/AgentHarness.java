package io.edgebench.daemon;

import io.edgebench.config.AgentConfig;
import io.edgebench.link.Backoff;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process agent on a real broker with a test executor and fast reconnects, for integration tests. */
public final class AgentHarness implements AutoCloseable {
    public final AgentConfig config;
    public final TestExecutor executor;
    public final Agent agent;
    public final List<String> log = new CopyOnWriteArrayList<>();

    public AgentHarness(String brokerUrl, String deviceId, Path dataDir, TestExecutor executor, int queueCapacity)
            throws IOException {
        this(brokerUrl, deviceId, dataDir, executor, executor, DeviceProbes.NONE, queueCapacity);
    }

    public AgentHarness(
            String brokerUrl,
            String deviceId,
            Path dataDir,
            JobExecutor jobs,
            TestExecutor executor,
            DeviceProbes probes,
            int queueCapacity)
            throws IOException {
        this(brokerUrl, deviceId, dataDir, jobs, executor, probes, queueCapacity, false);
    }

    /** @param compareAvailable false: compare answers not_available (executors that only run bench) */
    public AgentHarness(
            String brokerUrl,
            String deviceId,
            Path dataDir,
            JobExecutor jobs,
            TestExecutor executor,
            DeviceProbes probes,
            int queueCapacity,
            boolean compareAvailable)
            throws IOException {
        this.config = AgentConfig.builder(brokerUrl, deviceId, dataDir)
                .profile("test")
                .queueCapacity(queueCapacity)
                .maxModelBytes(1 << 20)
                .responseTopicPrefixes(List.of("test/"))
                .build();
        this.executor = executor;
        BrokerLink.Outbound will = BrokerLink.Outbound.of(
                Topics.status(deviceId), Agent.offlineStatus(config, DeviceProbes.NONE), 1, true);
        LinkSettings settings = LinkSettings.builder(brokerUrl, "edgebench-" + deviceId)
                .will(will)
                .backoff(new Backoff(100, 1000, Math::random))
                .maxPacketBytes(LinkSettings.COMMAND_MAX_PACKET_BYTES)
                .build();
        this.agent = new Agent(
                config,
                new PahoBrokerLink(settings, log::add),
                jobs,
                probes,
                compareAvailable,
                log::add,
                Clock.systemUTC());
        agent.start();
    }

    /** Puts a model file into the agent's models dir (bench checks it exists). */
    public void model(String name) throws IOException {
        Files.createDirectories(config.modelsDir());
        Files.write(config.modelsDir().resolve(name), new byte[] {1, 2, 3});
    }

    @Override
    public void close() {
        agent.stop("test done");
    }
}

package io.edgebench.demo;

import io.edgebench.bench.BenchRunner;
import io.edgebench.daemon.Agent;
import io.edgebench.daemon.AgentConfig;
import io.edgebench.daemon.BenchJobExecutor;
import io.edgebench.daemon.HostProbes;
import io.edgebench.daemon.JobExecutor;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.link.Backoff;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.protocol.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** The demo's use of the forge and of the agent daemon: the same classes `edgebench forge` and `agent` run. */
final class DemoPieces {
    private static final int QUEUE_CAPACITY = 16;
    private static final long MAX_MODEL_BYTES = 64L << 20;
    private static final int KEEP_ALIVE_S = 30;

    private DemoPieces() {}

    /** Writes the default tiny model pair (identical weights) into {@code dir}: [.tflite, .onnx]. */
    static List<Path> forgePair(Path dir) throws IOException {
        Forge.Result forged = Forge.forge(ForgeSpec.tiny(), dir);
        return List.of(forged.tflite(), forged.onnx());
    }

    /**
     * Starts an agent in this process as device {@code deviceId}, connected to {@code brokerUrl} with the same link,
     * will and queue as `edgebench agent`; close() stops it, which publishes its offline status.
     */
    static Agent startAgent(String brokerUrl, String deviceId, Path models, Path data, Consumer<String> log)
            throws IOException {
        Files.createDirectories(data);
        AgentConfig config = new AgentConfig(brokerUrl, deviceId, null, null, null, false, null, null, null, data,
                models, QUEUE_CAPACITY, 0, false, MAX_MODEL_BYTES, KEEP_ALIVE_S);
        HostProbes probes = HostProbes.detect(null);
        BrokerLink.Outbound will = BrokerLink.Outbound.of(Topics.status(deviceId), Agent.offlineStatus(config, probes),
                Topics.QOS_RESULT, true);
        LinkSettings link = new LinkSettings(brokerUrl, "edgebench-" + deviceId, null, null, null, null, null, will,
                KEEP_ALIVE_S, Backoff.standard());
        JobExecutor executor = new BenchJobExecutor(models, probes.profile(), new BenchRunner());
        Agent agent = new Agent(config, new PahoBrokerLink(link, log), executor, probes, true, log,
                Clock.systemUTC());
        agent.start();
        return agent;
    }
}

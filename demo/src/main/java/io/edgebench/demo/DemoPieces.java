package io.edgebench.demo;

import io.edgebench.bench.BenchRunner;
import io.edgebench.config.AgentConfig;
import io.edgebench.config.AgentConfigLoader;
import io.edgebench.daemon.Agent;
import io.edgebench.daemon.AgentRunner;
import io.edgebench.daemon.BenchJobExecutor;
import io.edgebench.daemon.HostProbes;
import io.edgebench.daemon.JobExecutor;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
        // the same configuration path and link wiring as `edgebench agent`, with the demo's values as flags
        AgentConfig config = AgentConfigLoader.load(
                data.resolve("agent.yaml"),
                false,
                Map.of(),
                Map.of(
                        "broker_url",
                        brokerUrl,
                        "device_id",
                        deviceId,
                        "data_dir",
                        data.toString(),
                        "models_dir",
                        models.toString(),
                        "queue_capacity",
                        Integer.toString(QUEUE_CAPACITY),
                        "max_model_bytes",
                        Long.toString(MAX_MODEL_BYTES),
                        "keep_alive_s",
                        Integer.toString(KEEP_ALIVE_S)));
        HostProbes probes = HostProbes.detect(null);
        LinkSettings link = AgentRunner.linkSettings(config, probes, Map.of());
        JobExecutor executor = new BenchJobExecutor(models, probes.profile(), new BenchRunner());
        Agent agent = new Agent(config, new PahoBrokerLink(link, log), executor, probes, true, log, Clock.systemUTC());
        agent.start();
        return agent;
    }
}

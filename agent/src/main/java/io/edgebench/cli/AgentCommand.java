package io.edgebench.cli;

import io.edgebench.bench.BenchRunner;
import io.edgebench.config.AgentConfig;
import io.edgebench.config.AgentConfigLoader;
import io.edgebench.daemon.AgentRunner;
import io.edgebench.daemon.BenchJobExecutor;
import io.edgebench.daemon.HostProbes;
import io.edgebench.telemetry.HostPower;
import io.edgebench.worker.SpareWorker;
import io.edgebench.worker.WorkerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edgebench agent}: the daemon deployed on boards (docs/mqtt.md). Precedence: defaults < config file <
 * environment < these flags.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Run the MQTT agent: serve commands under edgebench/<device_id>/ until SIGTERM.")
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Config file (default ${DEFAULT-VALUE}).")
    Path config = AgentConfigLoader.DEFAULT_FILE;

    @Mixin
    BrokerOptions brokerOptions;

    @Option(names = "--device-id", description = "Device id (default: the host name).")
    String deviceId;

    @Option(names = "--profile", description = "Device profile name reported in the status.")
    String profile;

    @Option(names = "--data-dir", description = "Jobs, outbox and models (default /var/lib/edgebench).")
    Path dataDir;

    @Option(names = "--models-dir", description = "Models dir (default <data-dir>/models).")
    Path modelsDir;

    @Option(names = "--queue-capacity", description = "Jobs that may wait (default 16).")
    Integer queueCapacity;

    @Option(names = "--telemetry-period-s", description = "Telemetry period in seconds, 0 = off (default).")
    Double telemetryPeriodS;

    @Option(names = "--max-model-bytes", description = "Largest model models/put accepts (default 64 MiB).")
    Long maxModelBytes;

    @Option(
            names = "--power-plug",
            paramLabel = "PRESET:DEVICE[@BROKER]",
            description = "Board power from a smart plug over MQTT (default broker: the agent's), e.g. tasmota:plug1.")
    String powerPlug;

    @Option(
            names = "--warm-worker",
            defaultValue = "auto",
            paramLabel = "auto|on|off",
            description = "Keep a worker JVM started between jobs: a remote trigger skips a JVM start, for the RSS of "
                    + "an idle JVM (~50 MB). auto = on with 2 GiB of RAM or more (default: ${DEFAULT-VALUE}).")
    String warmWorker;

    @Option(
            names = "--homeassistant-discovery",
            description = "Announce this agent to Home Assistant (MQTT discovery).")
    Boolean homeassistantDiscovery;

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg;
        HostProbes probes;
        HostPower power;
        try {
            boolean explicit = !AgentConfigLoader.DEFAULT_FILE.equals(config);
            cfg = AgentConfigLoader.load(config, explicit, System.getenv(), flags());
            probes = HostProbes.detect(cfg.profile());
            power = AgentRunner.hostPower(cfg, probes, line -> System.out.println(line));
        } catch (IllegalArgumentException e) {
            System.err.println("edgebench: " + e.getMessage());
            return ExitCode.CONFIG;
        }
        boolean warm = warmWorkerOn(warmWorker);
        System.out.println("config warm_worker=" + warm + " (--warm-worker " + warmWorker + ")");
        BenchJobExecutor executor = new BenchJobExecutor(cfg.modelsDir(), new BenchRunner(), power);
        if (warm) {
            SpareWorker.install(new SpareWorker(WorkerLaunch.sameJvm())).refill();
        }
        try {
            AgentRunner.runUntilStopped(cfg, executor, probes, true, line -> System.out.println(line));
        } finally {
            SpareWorker.install(null);
        }
        return ExitCode.OK;
    }

    private Map<String, String> flags() {
        Map<String, String> m = brokerOptions.configKeys();
        m.put("device_id", deviceId);
        m.put("profile", profile);
        m.put("data_dir", str(dataDir));
        m.put("models_dir", str(modelsDir));
        m.put("queue_capacity", str(queueCapacity));
        m.put("telemetry_period_s", str(telemetryPeriodS));
        m.put("max_model_bytes", str(maxModelBytes));
        m.put("power_plug", powerPlug);
        m.put("homeassistant_discovery", str(homeassistantDiscovery));
        return m;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static boolean warmWorkerOn(String mode) {
        return switch (mode) {
            case "on" -> true;
            case "off" -> false;
            case "auto" -> SpareWorker.autoEnabled(memTotalBytes());
            default -> throw new IllegalArgumentException("--warm-worker [" + mode + "] must be auto, on or off");
        };
    }

    /** MemTotal from /proc/meminfo; 0 when unreadable (auto then keeps the warm worker off). */
    private static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    // /proc/meminfo: kibibytes
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}

package io.edgebench.daemon;

import io.edgebench.config.AgentConfig;
import io.edgebench.config.ConfigException;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.BrokerPassword;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.systemd.Watchdog;
import io.edgebench.telemetry.HostPower;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Wires an {@link Agent} to a real broker connection and runs it until the JVM is told to stop (SIGTERM, SIGINT):
 * the shutdown hook stops taking jobs, reports the running one, publishes the offline status and disconnects.
 */
public final class AgentRunner {
    static final String JOB_STUCK_SLACK_ENV = "EDGEBENCH_JOB_STUCK_SLACK_S";

    private AgentRunner() {}

    /** Logs the effective config (secrets masked), starts the agent and blocks until shutdown. */
    public static void runUntilStopped(
            AgentConfig config,
            JobExecutor executor,
            DeviceProbes probes,
            boolean compareAvailable,
            Consumer<String> log)
            throws IOException, InterruptedException {
        for (Map.Entry<String, String> e : config.describe().entrySet()) {
            log.accept("config " + e.getKey() + "=" + e.getValue());
        }
        Files.createDirectories(config.dataDir());
        BrokerLink link;
        try {
            link = new PahoBrokerLink(linkSettings(config, probes, System.getenv()), log);
        } catch (IOException | IllegalArgumentException e) {
            // Unusable TLS files or URL: restarting cannot fix them (exit 78, in the unit's RestartPreventExitStatus).
            throw new ConfigException(e.getMessage(), e);
        }
        Agent agent = new Agent(config, link, executor, probes, compareAvailable, log, Clock.systemUTC());
        Duration slack = jobStuckSlack(System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Watchdog> watchdog = new AtomicReference<>();
        // SIGTERM/SIGINT handled here rather than by the JVM's shutdown: the agent stops in order and the process
        // exits 0, as documented (a JVM terminated by the signal exits 143). The hook stays for other exits.
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stopped.countDown());
            } catch (IllegalArgumentException e) {
                log.accept("agent event=signal_not_handled signal=" + name + " reason=\"" + e.getMessage() + "\"");
            }
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            closeWatchdog(watchdog);
                            agent.stop("shutdown");
                            stopped.countDown();
                        },
                        "agent-shutdown"));
        agent.start();
        log.accept("agent event=started device_id=" + config.deviceId() + " broker=" + config.brokerUrl());
        // READY=1 after recovery and the link's start: under Type=notify, systemd orders dependants after this.
        watchdog.set(Watchdog.startFromEnvironment(System.getenv(), () -> health(agent, slack), log));
        stopped.await();
        closeWatchdog(watchdog); // STOPPING=1 first: systemd then waits for the exit instead of watching pings
        agent.stop("signal");
    }

    private static void closeWatchdog(AtomicReference<Watchdog> watchdog) {
        Watchdog w = watchdog.get();
        if (w != null) {
            w.close();
        }
    }

    private static Watchdog.Health health(Agent agent, Duration slack) {
        String reason = agent.unhealthyReason(slack);
        return reason == null ? Watchdog.Health.healthy() : Watchdog.Health.unhealthy(reason);
    }

    /**
     * How far a job may outlive its own time bound before the watchdog calls the queue stuck:
     * EDGEBENCH_JOB_STUCK_SLACK_S, default 600 s (a slow board, a large model's first load).
     */
    static Duration jobStuckSlack(Map<String, String> env) {
        String s = env.get(JOB_STUCK_SLACK_ENV);
        if (s == null || s.isBlank()) {
            return Duration.ofSeconds(600);
        }
        try {
            double seconds = Double.parseDouble(s.trim());
            if (seconds >= 0 && seconds <= 86_400) {
                return Duration.ofMillis((long) (seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                JOB_STUCK_SLACK_ENV + " [" + s + "] must be a number of seconds 0..86400," + " e.g. 600");
    }

    /**
     * Where bench and compare jobs take board power from: the profile, the agent config's power_plug, and links to
     * the plug's broker (this agent's broker and credentials, or the plug's own broker_url) on their own client ids.
     */
    public static HostPower hostPower(AgentConfig config, DeviceProbes probes, Consumer<String> log)
            throws IOException {
        return new HostPower(
                probes.profile(),
                null,
                config.powerPlugSpec(),
                config.brokerUrl(),
                new PahoPowerLinks(linkSettings(config, probes, System.getenv()), log));
    }

    /** The broker link of an agent with this config: credentials, TLS, the retained offline will, backoff. */
    public static LinkSettings linkSettings(AgentConfig config, DeviceProbes probes, Map<String, String> env)
            throws IOException {
        String password = BrokerPassword.read(config.passwordFile(), "password_file", env);
        BrokerLink.Outbound will = BrokerLink.Outbound.of(
                Topics.status(config.deviceId()), Agent.offlineStatus(config, probes), Topics.QOS_RESULT, true);
        return LinkSettings.builder(config.brokerUrl(), config.clientId())
                .credentials(config.username(), password)
                .tls(config.caFile(), config.certFile(), config.keyFile())
                .will(will)
                .keepAliveS(config.keepAliveS())
                .maxPacketBytes(LinkSettings.COMMAND_MAX_PACKET_BYTES)
                .build();
    }
}

package io.edgebench.daemon;

import io.edgebench.config.AgentConfig;
import io.edgebench.link.Backoff;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Agents for the reliability tests: in process with a chosen keep-alive, takeover backoff and TLS files, or as a
 * child JVM (the production wiring, a small heap) that can be SIGKILLed or SIGTERMed.
 */
public final class AgentKit {
    private AgentKit() {}

    /** An in-process agent and what it logged. */
    public static final class Running implements AutoCloseable {
        public final AgentConfig config;
        public final Agent agent;
        public final PahoBrokerLink link;
        public final TestExecutor executor;
        public final List<String> log;

        Running(AgentConfig config, Agent agent, PahoBrokerLink link, TestExecutor executor, List<String> log) {
            this.config = config;
            this.agent = agent;
            this.link = link;
            this.executor = executor;
            this.log = log;
        }

        public long logged(String fragment) {
            return log.stream().filter(l -> l.contains(fragment)).count();
        }

        public void model(String name) throws IOException {
            Files.createDirectories(config.modelsDir());
            Files.write(config.modelsDir().resolve(name), new byte[] {1, 2, 3});
        }

        /** Waits until the agent connected and subscribed (requests sent before that are lost: QoS 1, no subscriber). */
        public Running awaitConnected(Duration wait) {
            Awaitility.await("agent connected")
                    .atMost(wait)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> logged("mqtt event=connected") > 0);
            return this;
        }

        public String logText() {
            return String.join("\n", log);
        }

        @Override
        public void close() {
            agent.stop("test done");
        }
    }

    /** Options of {@link #start}; defaults: keep-alive 30 s, reconnect 100..1000 ms, standard takeover backoff. */
    public record Options(
            int keepAliveS, Backoff takeover, Path caFile, Path certFile, Path keyFile, int queueCapacity) {
        public static Options defaults() {
            return new Options(30, Backoff.takeover(), null, null, null, 4);
        }

        public Options keepAlive(int s) {
            return new Options(s, takeover, caFile, certFile, keyFile, queueCapacity);
        }

        public Options takeoverBackoff(Backoff b) {
            return new Options(keepAliveS, b, caFile, certFile, keyFile, queueCapacity);
        }

        public Options tls(Path ca, Path cert, Path key) {
            return new Options(keepAliveS, takeover, ca, cert, key, queueCapacity);
        }
    }

    public static Running start(String url, String deviceId, Path dataDir, TestExecutor executor, Options o)
            throws IOException {
        AgentConfig config = AgentConfig.builder(url, deviceId, dataDir)
                .profile("test")
                .tls(o.caFile(), o.certFile(), o.keyFile())
                .queueCapacity(o.queueCapacity())
                .keepAliveS(Math.max(5, o.keepAliveS()))
                .responseTopicPrefixes(List.of("test/"))
                .build();
        List<String> log = new CopyOnWriteArrayList<>();
        BrokerLink.Outbound will = BrokerLink.Outbound.of(
                Topics.status(deviceId), Agent.offlineStatus(config, DeviceProbes.NONE), 1, true);
        LinkSettings settings = LinkSettings.builder(url, "edgebench-" + deviceId)
                .tls(o.caFile(), o.certFile(), o.keyFile())
                .will(will)
                .keepAliveS(o.keepAliveS())
                .backoff(new Backoff(100, 1000, Math::random))
                .takeoverBackoff(o.takeover())
                .maxPacketBytes(LinkSettings.COMMAND_MAX_PACKET_BYTES)
                .build();
        PahoBrokerLink link = new PahoBrokerLink(settings, log::add);
        Agent agent = new Agent(config, link, executor, DeviceProbes.NONE, false, log::add, Clock.systemUTC());
        agent.start();
        return new Running(config, agent, link, executor, log);
    }

    /** Waits until the latest retained status of {@code deviceId} says {@code state}. */
    public static void awaitState(TestClient client, String deviceId, String state, Duration wait) {
        Awaitility.await("status " + state)
                .atMost(wait)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var all = client.on(Topics.status(deviceId));
                    return !all.isEmpty()
                            && state.equals(
                                    all.get(all.size() - 1).json().path("state").asText());
                });
    }

    /** `edgebench agent`'s wiring in a child JVM (TestAgentMain) with this heap; stdout+stderr to {@code log}. */
    public static Process child(Path config, Path log, String xmx, String... jvmArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx" + xmx));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of(TestAgentMain.class.getName(), config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // A long -cp would make /proc/self/cmdline long (STACK.md); CLASSPATH keeps it short.
        pb.environment().put("CLASSPATH", cp);
        return pb.start();
    }

    /** Writes an agent.yaml for {@link #child}. */
    public static Path config(Path dir, String url, String deviceId, Path dataDir, String... moreLines)
            throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(deviceId + ".yaml");
        Files.writeString(
                f,
                "broker_url: " + url + "\ndevice_id: " + deviceId + "\ndata_dir: " + dataDir + "\nqueue_capacity: 4\n"
                        + String.join("\n", moreLines) + "\n");
        return f;
    }

    /** Stops a child with SIGKILL if it is still running after {@code s} seconds. */
    public static int reap(Process p, long s) throws InterruptedException {
        if (!p.waitFor(s, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return p.exitValue();
    }
}

package io.edgebench.daemon;

import io.edgebench.config.AgentConfig;
import io.edgebench.config.AgentConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * `edgebench agent` as a child process for the kill tests: the production wiring (config loader, Paho link,
 * shutdown hook) with the test executor in place of the benchmark, which "runs" for the request's min_seconds.
 */
public final class TestAgentMain {
    private TestAgentMain() {}

    public static void main(String[] args) throws Exception {
        AgentConfig cfg = AgentConfigLoader.load(Path.of(args[0]), true, System.getenv(), Map.of());
        if (cfg.responseTopicPrefixes().isEmpty()) {
            cfg = cfg.toBuilder().responseTopicPrefixes(List.of("test/")).build(); // TestClient's reply topics
        }
        AgentRunner.runUntilStopped(cfg, new TestExecutor(false), DeviceProbes.NONE, false, line -> {
            System.out.println(line);
            System.out.flush();
        });
        System.exit(0); // as Main does once the agent command returned OK
    }
}

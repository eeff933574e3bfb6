package io.edgebench.daemon;

import io.edgebench.bench.BenchRunner;
import io.edgebench.config.AgentConfig;
import io.edgebench.config.AgentConfigLoader;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobOutput;
import io.edgebench.worker.BenchListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * `edgebench agent` as a child process for the watchdog test: the production wiring (AgentRunner, Paho link,
 * sd_notify) with an executor whose jobs never finish (a wedged worker) and short per-lane limits, so a job
 * outlives its bound within seconds.
 */
public final class WatchdogAgentMain {
    private WatchdogAgentMain() {}

    public static void main(String[] args) throws Exception {
        AgentConfig cfg = AgentConfigLoader.load(Path.of(args[0]), true, System.getenv(), Map.of());
        if (cfg.responseTopicPrefixes().isEmpty()) {
            cfg = cfg.toBuilder().responseTopicPrefixes(List.of("test/")).build(); // TestClient's reply topics
        }
        TestExecutor wedged = new TestExecutor(true); // gated and never released
        JobExecutor executor = new JobExecutor() {
            @Override
            public JobOutput execute(Job job, BenchListener listener, BooleanSupplier cancelled) throws Exception {
                return wedged.execute(job, listener, cancelled);
            }

            @Override
            public BenchRunner.Limits limits() {
                return new BenchRunner.Limits(Duration.ofMillis(500), Duration.ofMillis(250));
            }
        };
        AgentRunner.runUntilStopped(cfg, executor, DeviceProbes.NONE, false, line -> {
            System.out.println(line);
            System.out.flush();
        });
    }
}

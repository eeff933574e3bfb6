package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.daemon.AgentHarness;
import io.edgebench.daemon.DeviceProbes;
import io.edgebench.daemon.JobExecutor;
import io.edgebench.daemon.TestExecutor;
import io.edgebench.results.Phase;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.Command;
import io.edgebench.wire.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `fleet status` and `send --fleet bench` over a real mosquitto with three in-process agents. */
@Tag("slow")
class FleetViewsTest {
    @TempDir
    Path tmp;

    /** Returns a result shaped like a real BenchResult for the device's board (ResultFixtures). */
    private static JobExecutor fixture(Board board) {
        return (job, listener, cancelled) -> {
            listener.onPhase(Phase.RUN);
            Command.Bench bench = (Command.Bench) job.command();
            return ResultFixtures.benchOutput(
                    board, "tflite", "xnnpack", bench.params().runs());
        };
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void fleetStatus_andFleetBench_oneTableAcrossDevices() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                AgentHarness pi4 = agent(broker, "pi4-lab", Board.PI4);
                AgentHarness pi5 = agent(broker, "pi5-lab", Board.PI5);
                TestClient watcher = new TestClient(broker.url())) {
            AgentHarness gone = agent(broker, "old-pi", Board.PI4);
            watcher.subscribe(Topics.statusFilter("+"));
            awaitState(watcher, "old-pi", AgentState.ONLINE.id());
            gone.close();
            awaitState(watcher, "old-pi", AgentState.OFFLINE.id());
            awaitState(watcher, "pi4-lab", AgentState.ONLINE.id());
            awaitState(watcher, "pi5-lab", AgentState.ONLINE.id());
            pi4.model("mobilenet_v2.tflite");
            pi5.model("mobilenet_v2.tflite");

            String[] status = run("fleet", "status", "--broker", broker.url(), "--wait", "1");
            assertEquals("0", status[0], status[2]);
            System.out.print(status[1]); // the tables docs/results.md shows
            assertTrue(status[1].matches("(?s)device +state +profile.*"), status[1]);
            assertTrue(status[1].matches("(?s).*\\nold-pi +offline +test .*"), status[1]);
            assertTrue(status[1].matches("(?s).*\\npi4-lab +online +test .* s ago\\).*"), status[1]);
            assertTrue(status[1].matches("(?s).*\\npi5-lab +online .*"), status[1]);

            String[] bench = run(
                    "send",
                    "--broker",
                    broker.url(),
                    "--fleet",
                    "--timeout",
                    "3",
                    "--result-timeout",
                    "60",
                    "bench",
                    "model=mobilenet_v2.tflite",
                    "runs=20");
            assertEquals("0", bench[0], bench[1] + bench[2]);
            System.out.print(bench[1]);
            assertTrue(
                    bench[1].matches("(?s)device +status +lane +p50 +p99 +throughput +energy/inf +valid\\n.*"),
                    bench[1]);
            assertTrue(
                    bench[1].matches(
                            "(?s).*\\npi4-lab +ok +mobilenet_v2.tflite tflite:xnnpack x4 +\\d+\\.\\d\\d ms .*"),
                    bench[1]);
            assertTrue(
                    bench[1].matches("(?s).*\\npi5-lab +ok +mobilenet_v2.tflite tflite:xnnpack x4 .* mJ +yes\\n.*"),
                    bench[1]);
            assertTrue(!bench[1].contains("old-pi"), "an offline agent is not waited for: " + bench[1]);
        }
    }

    private AgentHarness agent(MosquittoBroker broker, String id, Board board) throws Exception {
        return new AgentHarness(
                broker.url(), id, tmp.resolve(id), fixture(board), new TestExecutor(false), DeviceProbes.NONE, 4);
    }

    private static void awaitState(TestClient c, String device, String state) {
        Awaitility.await(device + " " + state)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var all = c.on(Topics.status(device));
                    return !all.isEmpty()
                            && state.equals(
                                    all.get(all.size() - 1).json().path("state").asText());
                });
    }

    /** exit code, stdout, stderr */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}

package io.edgebench.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.daemon.AgentHarness;
import io.edgebench.daemon.DeviceProbes;
import io.edgebench.daemon.JobExecutor;
import io.edgebench.daemon.TestExecutor;
import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.resultstore.ResultStore;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Command;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `edgebench collect` processes on a real mosquitto, storing into SQLite (docs/results.md). */
@Tag("slow")
class CollectMosquittoTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void restart_whileAgentsPublish_storesEveryResultOnce() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            DatabaseUrl db = DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("results.db"), null, null);
            CollectScenarios.restartKeepsEverything(broker.url(), db, tmp);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sharedGroup_oneKilledMidStream_storesEveryResultOnce() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            DatabaseUrl db = DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("results.db"), null, null);
            CollectScenarios.sharedGroupKillOne(broker.url(), db, tmp);
        }
    }

    /** Real agents (the daemon with its outbox, a fixture executor) run jobs while the collector is SIGKILLed. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void restart_whileRealAgentsRunJobs_storesEveryResultOnce() throws Exception {
        JobExecutor fixture = (job, listener, cancelled) -> ResultFixtures.benchOutput(
                Board.PI5,
                "tflite",
                "xnnpack",
                ((Command.Bench) job.command()).params().runs());
        DatabaseUrl db = DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("results.db"), null, null);
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                AgentHarness a = new AgentHarness(
                        broker.url(),
                        "pi5-a",
                        tmp.resolve("a"),
                        fixture,
                        new TestExecutor(false),
                        DeviceProbes.NONE,
                        64);
                AgentHarness b = new AgentHarness(
                        broker.url(),
                        "pi5-b",
                        tmp.resolve("b"),
                        fixture,
                        new TestExecutor(false),
                        DeviceProbes.NONE,
                        64);
                TestClient controller = new TestClient(broker.url());
                CollectorProcess c = new CollectorProcess(tmp, broker.url(), db.jdbcUrl(), "collect-a", null)) {
            a.model("m.tflite");
            b.model("m.tflite");
            c.start();
            List<String> expected = new ArrayList<>();
            int jobs = 30;
            for (int i = 0; i < jobs; i++) {
                if (i == jobs / 3) {
                    c.kill();
                }
                if (i == 2 * jobs / 3) {
                    c.start();
                }
                for (String device : new String[] {"pi5-a", "pi5-b"}) {
                    String job = String.format("job-%03d", i);
                    controller.publish(
                            Topics.cmd(device, Topics.BENCH),
                            "{\"model\":\"m.tflite\",\"runs\":" + (10 + i) + ",\"job_id\":\"" + job + "\"}",
                            null,
                            null);
                    expected.add(device + "/" + job + "#1");
                }
                Thread.sleep(30);
            }
            java.util.Collections.sort(expected);
            try (ResultStore store = ResultStore.open(db)) {
                Awaitility.await("all results stored")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> store.keys().size() >= expected.size());
                assertEquals(expected, store.keys(), "every job's result once; collector log:\n" + c.log());
            }
            // The store feeds the report: one device's results, with the status the collector kept for it.
            Path html = tmp.resolve("pi5-a.html");
            assertEquals(
                    0,
                    io.edgebench.cli.Main.run(
                            "report",
                            "--db",
                            db.jdbcUrl(),
                            "--device",
                            "pi5-a",
                            "--since",
                            "2000-01-01",
                            "-o",
                            html.toString()));
            String page = Files.readString(html);
            assertTrue(page.contains(jobs + " result(s), " + jobs + " lane(s), 1 device(s)"), "only pi5-a's results");
            assertTrue(
                    page.contains("<h3>pi5-a</h3><p class=\"meta\">profile test, online, last status"),
                    "the agent's stored status on its card");
        }
    }
}

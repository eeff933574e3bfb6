package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.daemon.AgentKit;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sets over MQTT (issue 23), as a user sends them: `edgebench send sets/put set=NAME dir=PATH` uploads a labelled
 * set file by file to an `edgebench agent` child JVM at -Xmx64m on a real mosquitto, and `send compare ...
 * dataset=NAME` scores every lane on it with the production executor: the exact top-1 of each lane. A set holding a
 * PNG whose header claims 16,000 x 16,000 pixels, and a reference set whose output .npy claims 2^40 elements, are
 * refused with messages naming the file; the agent survives both, with no OutOfMemoryError, and keeps serving.
 */
class SetsOverMqttTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEV = "sets1";

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run send(String url, String... verbAndFields) {
        List<String> args = new ArrayList<>(List.of("send", "--broker", url, "--device", DEV));
        args.addAll(List.of(verbAndFields));
        return cli(args.toArray(String[]::new));
    }

    /** `edgebench agent --config cfg` in a child JVM with the unit's heap flags at -Xmx64m. */
    private static Process agent(Path config, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-Xss512k",
                        Main.class.getName(),
                        "agent",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment()
                .put(
                        "CLASSPATH",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        return pb.start();
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void labelledSetUploadedOverMqtt_scoresEveryLane_hostileSetsRefusedByName_agentAt64mSurvives() throws Exception {
        LabelledSetFixture fixture = LabelledSetFixture.forge(tmp.resolve("forged"));
        Path data = tmp.resolve("data");
        Path models = Files.createDirectories(data.resolve("models"));
        Files.copy(fixture.a().get(0), models.resolve("a.tflite"));
        Files.copy(fixture.b().get(0), models.resolve("b.tflite"));
        Path huge = Files.createDirectories(tmp.resolve("huge/0"));
        Files.write(huge.resolve("huge.png"), TestFiles.pngClaiming(16_000, 16_000));
        Path claim = Files.createDirectories(tmp.resolve("claim"));
        Files.createDirectories(claim.resolve("inputs"));
        Files.createDirectories(claim.resolve("outputs"));
        TestFiles.npy(claim.resolve("inputs/0.npy"), "<f4", List.of(1L, 8L, 8L, 3L), new byte[8 * 8 * 3 * 4]);
        TestFiles.npy(claim.resolve("outputs/0.npy"), "<f4", List.of(1L << 40), new byte[16]);
        Path log = tmp.resolve("agent.log");
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url())) {
            client.subscribe(Topics.status(DEV));
            Process agent = agent(AgentKit.config(tmp, broker.url(), DEV, data), log);
            try {
                AgentKit.awaitState(client, DEV, AgentState.ONLINE.id(), WAIT);
                String url = broker.url();

                Run put = send(url, "sets/put", "set=shapes", "dir=" + fixture.set());
                assertEquals(ExitCode.OK, put.code(), put.err());
                assertTrue(put.err().contains("sent 43 files"), put.err()); // 42 images and labels.txt
                Run list = send(url, "--json", "models/list");
                JsonNode sets = Json.mapper().readTree(list.out()).at("/data/sets");
                assertEquals("shapes", sets.get(0).get("name").asText(), list.out());
                assertEquals(43, sets.get(0).get("files").asInt(), list.out());

                Run compare = send(
                        url,
                        "compare",
                        "models=a.tflite,b.tflite",
                        "delegates=tflite:cpu",
                        "dataset=shapes",
                        "threads=1",
                        "runs=3",
                        "min_seconds=0",
                        "max_seconds=1",
                        "forks=2",
                        "tolerance=1",
                        "min_top1=0");
                assertEquals(ExitCode.OK, compare.code(), compare.out() + compare.err());
                assertTrue(
                        compare.out()
                                .contains("a.tflite tflite:cpu top-1 90.5 % (95 % CI 77.9-96.2) of 42 labelled"
                                        + " images"),
                        compare.out());
                assertTrue(compare.out().contains("b.tflite tflite:cpu top-1 81.0 %"), compare.out());
                assertTrue(compare.out().contains("Accuracy on labelled set shapes (42 images"), compare.out());

                assertEquals(
                        ExitCode.OK,
                        send(url, "sets/put", "set=huge", "dir=" + huge.getParent())
                                .code());
                Run hugeCompare = send(url, "compare", "models=a.tflite", "delegates=tflite:cpu", "dataset=huge");
                assertEquals(ExitCode.USAGE, hugeCompare.code(), hugeCompare.err());
                assertTrue(
                        hugeCompare.err().contains("image [0/huge.png] is 16000 x 16000 pixels by its header"),
                        hugeCompare.err());
                assertFalse(hugeCompare.err().contains(data.toString()), "no agent path: " + hugeCompare.err());

                assertEquals(
                        ExitCode.OK,
                        send(url, "sets/put", "set=claim", "dir=" + claim).code());
                Run claimCompare = send(
                        url,
                        "compare",
                        "models=a.tflite",
                        "delegates=tflite:cpu",
                        "reference=claim",
                        "runs=3",
                        "min_seconds=0",
                        "forks=1");
                assertTrue(claimCompare.code() != ExitCode.OK, claimCompare.out() + claimCompare.err());
                assertTrue(
                        (claimCompare.out() + claimCompare.err()).contains("declares shape [1099511627776]"),
                        claimCompare.out() + claimCompare.err());

                Run gone = send(url, "sets/delete", "set=huge");
                assertEquals(ExitCode.OK, gone.code(), gone.err());
                Run missing = send(url, "compare", "models=a.tflite", "delegates=tflite:cpu", "dataset=huge");
                assertEquals(ExitCode.DATA_ERR, missing.code(), missing.err());
                assertTrue(missing.err().contains("names set [huge], which is not on the agent"), missing.err());

                assertEquals(ExitCode.OK, send(url, "ping").code(), "still serving");
                assertTrue(agent.isAlive(), "the agent survived");
                assertFalse(Files.readString(log).contains("OutOfMemoryError"), Files.readString(log));
            } finally {
                agent.destroy();
                AgentKit.reap(agent, 30);
            }
        }
    }
}

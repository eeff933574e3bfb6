package io.edgebench.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.acceptance.Case.Needs;
import io.edgebench.acceptance.Case.Place;
import io.edgebench.acceptance.Launcher.Outcome;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.SharedModels;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the user documentation shows, typed as shown (only the broker address is this test's mosquitto)
 * through the launcher in a child process: the repository's ./edgebench, or another launcher such as the installed
 * /usr/bin/edgebench named by -Dedgebench.launcher or $EDGEBENCH_LAUNCHER (.ci/deb-test.sh sets the latter). Daemons (agent, collect) run in the background for the commands after
 * them and must stop cleanly on SIGTERM. Checks exit codes, what stdout and stderr carry, and files written.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class DocumentedCommandsAcceptanceTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> DOCUMENTED_BROKERS = List.of("tcp://broker.local:1883", "tcp://127.0.0.1:1883");

    private Path scratch;
    private Launcher launcher;
    private MosquittoBroker broker;
    private TestClient watcher;
    private final Map<Case, Process> daemons = new LinkedHashMap<>();
    private final Map<Place, Path> places = new LinkedHashMap<>();

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        scratch = dir;
        MosquittoBroker.binary();
        launcher = Launcher.find(scratch);
        broker = MosquittoBroker.start(scratch.resolve("broker"));
        watcher = new TestClient(broker.url());
        watcher.subscribe(Topics.statusFilter("+"));
        Files.createDirectories(scratch.resolve("logs"));
        // The first start of the repository's launcher may build the jar and the start-up archives: not a
        // documented command's time.
        Outcome first = launcher.run("edgebench --version", scratch, scratch.resolve("logs"), Duration.ofMinutes(15));
        assertEquals(0, first.exitCode(), first.toString());
        places.put(Place.REPOSITORY, launcher.repositoryRoot());
        places.put(Place.USER_DIR, UserFiles.userDir(launcher, scratch.resolve("user"), scratch.resolve("logs")));
        places.put(
                Place.SECOND_USER_DIR, UserFiles.userDir(launcher, scratch.resolve("second"), scratch.resolve("logs")));
        places.put(Place.SHARED_MODELS, UserFiles.sharedModelsDir(scratch));
    }

    @AfterAll
    void tearDown() throws Exception {
        for (Process p : daemons.values()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (broker != null) {
            broker.close();
        }
        UserFiles.unlinkSharedModels(scratch);
    }

    @TestFactory
    Stream<DynamicTest> documentedCommands() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : AcceptanceCases.ALL) {
            tests.add(DynamicTest.dynamicTest(c.doc(), () -> run(c)));
        }
        for (Case c : AcceptanceCases.EXTRA) {
            tests.add(DynamicTest.dynamicTest("(not in the docs) " + c.doc(), () -> run(c)));
        }
        tests.add(DynamicTest.dynamicTest("daemons stop on SIGTERM and exit as documented", this::stopDaemons));
        return tests.stream();
    }

    private void run(Case c) throws Exception {
        assumeTrue(
                c.needs() != Needs.REPOSITORY_LAUNCHER || launcher.isRepositoryLauncher(),
                "the demo ships with the repository's launcher, not the installed package");
        assumeTrue(c.needs() != Needs.SHARED_MODELS || SharedModels.present(), "no shared models folder");
        String typed = typed(c.doc());
        Path dir = places.get(c.place());
        if (c.needs() == Needs.SHARED_MODELS) {
            for (String word : typed.split(" ")) {
                if (word.endsWith(".onnx") || word.endsWith(".tflite")) {
                    assumeTrue(Files.exists(dir.resolve(word)), word + " is not among the shared models");
                }
            }
        }
        if (c.background()) {
            Process p = launcher.start(
                    typed,
                    true,
                    dir,
                    scratch.resolve("logs/" + daemons.size() + ".out"),
                    scratch.resolve("logs/" + daemons.size() + ".err"));
            daemons.put(c, p);
            awaitReady(c, p, daemons.size() - 1);
            return;
        }
        Outcome o = launcher.run(typed, dir, scratch.resolve("logs"), COMMAND_TIMEOUT);
        assertEquals(c.exitCode(), o.exitCode(), typed + "\n" + o);
        for (String s : c.stdoutHas()) {
            assertTrue(o.stdout().contains(s), "stdout lacks [" + s + "]: " + typed + "\n" + o);
        }
        if (c.exitCode() != 0 && !c.background()) {
            assertEquals("", o.stdout(), "a failure prints its error on stderr, not on stdout: " + typed);
        }
        for (String s : c.stderrHas()) {
            assertTrue(o.stderr().contains(s), "stderr lacks [" + s + "]: " + typed + "\n" + o);
        }
        assertClean(typed, o.stderr());
        assertFilesMade(c, dir);
    }

    /** What the user types, with the documentation's broker address replaced by this test's mosquitto. */
    private String typed(String doc) {
        String s = doc;
        for (String b : DOCUMENTED_BROKERS) {
            s = s.replace(b, broker.url());
        }
        return s;
    }

    private void awaitReady(Case c, Process p, int index) {
        Path out = scratch.resolve("logs/" + index + ".out");
        Path err = scratch.resolve("logs/" + index + ".err");
        Awaitility.await(c.doc() + " ready")
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertTrue(
                            p.isAlive(),
                            c.doc() + " exited " + (p.isAlive() ? "" : p.exitValue()) + "\n" + Launcher.read(out)
                                    + Launcher.read(err));
                    if (c.readyWhen().contains(" ")) {
                        return (Launcher.read(out) + Launcher.read(err)).contains(c.readyWhen());
                    }
                    List<TestClient.Received> s = watcher.on(Topics.status(c.readyWhen()));
                    return !s.isEmpty()
                            && AgentState.ONLINE
                                    == AgentState.of(s.get(s.size() - 1)
                                            .json()
                                            .path("state")
                                            .asText());
                });
    }

    private void stopDaemons() throws Exception {
        assumeTrue(!daemons.isEmpty(), "no daemon ran");
        int i = 0;
        for (Map.Entry<Case, Process> d : daemons.entrySet()) {
            Process p = d.getValue();
            p.destroy(); // SIGTERM, as systemd stops the unit
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), d.getKey().doc() + " did not stop within 60 s of SIGTERM");
            String log = Launcher.read(scratch.resolve("logs/" + i + ".out"))
                    + Launcher.read(scratch.resolve("logs/" + i + ".err"));
            assertEquals(d.getKey().exitCode(), p.exitValue(), d.getKey().doc() + "\n" + log);
            assertClean(d.getKey().doc(), log);
            assertFilesMade(d.getKey(), places.get(d.getKey().place()));
            i++;
        }
    }

    private static void assertClean(String command, String stderr) {
        assertFalse(stderr.contains("[picocli WARN]"), command + ": picocli warnings\n" + stderr);
        assertFalse(stderr.contains("Exception in thread"), command + ": an uncaught exception\n" + stderr);
    }

    private static void assertFilesMade(Case c, Path dir) throws Exception {
        for (String f : c.filesMade()) {
            Path p = dir.resolve(f);
            assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, c.doc() + " did not write " + f);
        }
    }
}

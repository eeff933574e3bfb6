package io.edgebench.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** `edgebench collect` as a child JVM, so a test can SIGKILL it mid-stream like a crash or a power cut. */
public final class CollectorProcess implements AutoCloseable {
    private final List<String> args;
    private final Path log;
    private Process process;
    private int starts;

    public CollectorProcess(Path dir, String brokerUrl, String db, String clientId, String group) {
        this(dir, brokerUrl, db, clientId, group, List.of());
    }

    /** @param extra more `collect` options, e.g. {@code --metrics-port 0} */
    public CollectorProcess(Path dir, String brokerUrl, String db, String clientId, String group, List<String> extra) {
        this.log = dir.resolve(clientId + ".log");
        this.args = new ArrayList<>(List.of(
                "collect", "--broker", brokerUrl, "--db", db, "--client-id", clientId, "--session-expiry-s", "600"));
        if (group != null) {
            args.addAll(List.of("--group", group));
        }
        args.addAll(extra);
    }

    /** Adds options to the command line of the next start. */
    CollectorProcess with(String... options) {
        args.addAll(List.of(options));
        return this;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits for the process to exit by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("collector still running after " + timeout);
        }
        return process.exitValue();
    }

    /** Starts it and waits until it has subscribed (so nothing published from now on can miss it). */
    public void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "io.edgebench.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The class path goes through the environment: a long command line is fragile (STACK.md).
        pb.environment()
                .put(
                        "CLASSPATH",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        int before = count("collect event=subscribed");
        process = pb.start();
        starts++;
        Awaitility.await("collector subscribed (" + log + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "collector exited " + process.exitValue() + ": " + Files.readString(log));
                    }
                    return count("collect event=subscribed") > before;
                });
    }

    /** SIGKILL: no clean disconnect, whatever was in flight is unacknowledged. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook disconnects and closes the store. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** How many log lines contain {@code text}, over every start. */
    public int count(String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int)
                Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    int starts() {
        return starts;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}

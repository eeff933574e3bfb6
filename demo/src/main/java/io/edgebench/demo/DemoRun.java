package io.edgebench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.wire.JobStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The steps of `edgebench demo`, in order: forge the model pair, start the broker, start the agent, connect a
 * controller, run the comparison as an MQTT job, and tear everything down in reverse order. Progress goes to
 * {@code err}; the caller prints the result.
 */
public final class DemoRun {
    /** The demo agent's device id: what `edgebench send --device demo` would address. */
    public static final String DEVICE_ID = "demo";

    private static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final LocalBroker broker;
    private final int runs;
    private final int port;
    private final boolean keep;
    private final PrintWriter err;

    public DemoRun(LocalBroker broker, int runs, int port, boolean keep, PrintWriter err) {
        this.broker = broker;
        this.runs = runs;
        this.port = port;
        this.keep = keep;
        this.err = err;
    }

    /** What came back over MQTT (the compare job's result message), and where from. */
    public record Outcome(List<JsonNode> resultMessages, String brokerUrl, Path workDir) {
        /** ok when every job's status is ok, else the first other status. */
        public String status() {
            return resultMessages.stream()
                    .map(m -> m.path("status").asText("?"))
                    .filter(s -> JobStatus.lenient(s) != JobStatus.OK)
                    .findFirst()
                    .orElse(JobStatus.OK.id());
        }
    }

    /**
     * Runs the demo; {@code show} gets the outcome as soon as it is in, before the (slower) teardown.
     *
     * @return the result message's status: ok, failed, cancelled or interrupted
     */
    public String run(Consumer<Outcome> show) throws IOException, UnavailableException {
        Path work = Files.createTempDirectory("edgebench-demo-");
        Stopwatch clock = new Stopwatch();
        // Both are mostly class loading and JIT: on two or more cores they overlap well.
        CompletableFuture<String> started = CompletableFuture.supplyAsync(this::startBroker);
        try {
            Path models = Files.createDirectories(work.resolve("models"));
            List<Path> pair = DemoPieces.forgePair(models);
            step("forged " + names(pair) + " (identical weights) into " + models);
            String url = awaitBroker(started);
            clock.lap("forge model pair + start broker");
            step("embedded MQTT 5 broker listening on " + url);
            Outcome outcome = new Outcome(agentAndController(url, models, work, pair, clock), url, keep ? work : null);
            show.accept(outcome);
            step("shutting down (the broker's graceful stop takes a few seconds)");
            return outcome.status();
        } finally {
            // waits for a start still under way (start and close are synchronized), then stops the broker
            broker.close();
            clock.lap("stop broker");
            step("timings: " + String.join(", ", clock.laps()));
            if (!keep) {
                deleteTree(work);
            }
        }
    }

    /** Runs the agent and the controller against the broker; both are closed (agent offline) on return. */
    private List<JsonNode> agentAndController(String url, Path models, Path work, List<Path> pair, Stopwatch clock)
            throws IOException, UnavailableException {
        try (AutoCloseable agent = DemoPieces.startAgent(url, DEVICE_ID, models, work.resolve("data"), this::agentLog);
                Controller controller = Controller.connect(url, null, null, CONNECT_TIMEOUT)) {
            clock.lap("start agent + controller");
            step("agent [" + DEVICE_ID + "] and controller connected to the broker");
            List<JsonNode> messages =
                    new DemoJobs(controller, DEVICE_ID, runs, this::step).run(pair.get(0), pair.get(1));
            clock.lap("jobs over MQTT");
            return messages;
        } catch (UnavailableException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the demo agent did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private String startBroker() {
        try {
            return broker.start(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String awaitBroker(CompletableFuture<String> started) throws UnavailableException {
        try {
            return started.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw new UnavailableException(cause.getMessage(), cause);
        }
    }

    /** The agent's own log lines (key=value): only problems are worth the demo user's attention. */
    private void agentLog(String line) {
        if (line.contains("error") || line.contains("fail") || line.contains("dropped")) {
            step("agent: " + line);
        }
    }

    private synchronized void step(String line) {
        err.println("demo: " + line);
        err.flush();
    }

    private static String names(List<Path> files) {
        return String.join(
                " + ", files.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    /** Wall-clock time of each step, for the summary line and docs/demo.md. */
    private static final class Stopwatch {
        private final List<String> laps = new java.util.ArrayList<>();
        private long last = System.nanoTime();

        void lap(String name) {
            long now = System.nanoTime();
            laps.add(String.format(Locale.ROOT, "%s %.1f s", name, (now - last) / 1e9));
            last = now;
        }

        List<String> laps() {
            return laps;
        }
    }
}

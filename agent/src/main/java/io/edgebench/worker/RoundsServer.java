package io.edgebench.worker;

import io.edgebench.inputs.DirectoryListings;
import io.edgebench.json.Json;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult.InputShape;
import io.edgebench.results.CpuPlacement;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Phase;
import io.edgebench.runtime.ModelSession;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The worker side of interleaved rounds: one open session serves many commands, so a lane's model is loaded and
 * warmed up once however many rounds compare runs. Commands come one per line ({@link RoundCommand}); the session
 * stays idle (blocked on the queue) between them, so it does not disturb the lane being timed.
 */
final class RoundsServer {
    /** A bound on commands per worker: 10000 rounds of 0.3 s is 50 minutes. */
    static final int MAX_COMMANDS = 20_000;

    private final Consumer<WorkerMessage> send;
    private final BlockingQueue<String> commands;

    RoundsServer(Consumer<WorkerMessage> send, BlockingQueue<String> commands) {
        this.send = send;
        this.commands = commands;
    }

    /** Warm-up, "ready", then commands until "end" (or the queue's EOF, which halts the JVM elsewhere). */
    void serve(ModelSession session, WorkerRequest request, CpuPlacement placement, Consumer<Phase> phase)
            throws InterruptedException {
        BenchParams p = request.params();
        // the benchmark's sample and every agreement command's seeds come from the same directories: list them once
        DirectoryListings listings = new DirectoryListings();
        List<InputShape> inputs = Measurement.fillInputs(session, p, p.seed(), listings);
        long warmStart = System.nanoTime();
        Measurement.Warm warm = Measurement.warm(session, p, phase);
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        var t = session.timings();
        send.accept(WorkerMessage.ready(new ReadyReport(
                session.runtimeVersion(),
                session.delegate(),
                t.modelLoadUs(),
                t.initUs(),
                inputs,
                warm.firstInferenceUs(),
                warm.warmup(),
                warmSeconds,
                session.delegation(),
                session.edgeTpu().orElse(null),
                session.warnings(),
                placement)));
        Measurement.Probe probe = Placement.probe();
        long[] latencies = new long[BenchParams.MAX_RUNS]; // once per worker, not 800 KB of garbage per round
        for (int i = 0; i < MAX_COMMANDS; i++) {
            RoundCommand c = parse(commands.take());
            if (c == null) {
                continue;
            }
            if (Boolean.TRUE.equals(c.end())) {
                return;
            }
            if (c.roundSeconds() != null) {
                Measurement.Round r = Measurement.round(session, c.roundSeconds(), probe, latencies);
                send.accept(WorkerMessage.round(
                        new RoundReport(r.latenciesNs(), r.window(), r.interference(), PeakRss.bytes())));
            } else {
                // outputs change the input tensors: refill the benchmark's inputs before the next round
                send.accept(WorkerMessage.outputs(WorkerMain.outputs(
                        session,
                        request.params(),
                        c.outputs().seeds(),
                        c.outputs().maxOutputValues(),
                        listings)));
                Measurement.fillInputs(session, p, p.seed(), listings);
            }
        }
    }

    private RoundCommand parse(String line) {
        try {
            return Json.mapper().readValue(line, RoundCommand.class);
        } catch (IOException | IllegalArgumentException e) {
            send.accept(WorkerMessage.error(ErrorKind.INTERNAL, "rounds command rejected: " + e.getMessage()));
            return null;
        }
    }
}

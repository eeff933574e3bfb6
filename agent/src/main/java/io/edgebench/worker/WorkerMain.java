package io.edgebench.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.edgebench.cpu.CpuAffinityException;
import io.edgebench.inputs.DirectoryListings;
import io.edgebench.json.Json;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.OutputCoding;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult.InputShape;
import io.edgebench.results.CpuPlacement;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.OpProfile;
import io.edgebench.results.Phase;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.AcceleratorUnavailableException;
import io.edgebench.runtime.InferenceRuntime;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.SessionTimings;
import io.edgebench.worker.Measurement.Measured;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The worker side of the protocol: reads one {@link WorkerRequest} line, opens the model, measures, and writes
 * {@link WorkerMessage} JSON lines (phases, progress, then exactly one final message) to the protocol stream.
 * Runs in its own JVM ({@code edgebench worker}) so a native crash or hang in a runtime cannot take the caller down.
 */
public final class WorkerMain {
    private final PrintStream out;
    private final Function<RuntimeKind, InferenceRuntime> runtimes;

    private final BlockingQueue<String> commands;

    public WorkerMain(PrintStream protocolOut) {
        this(protocolOut, Runtimes::forKind, new LinkedBlockingQueue<>());
    }

    /** With the stdin lines after the request (rounds mode's commands) arriving on {@code commands}. */
    public WorkerMain(PrintStream protocolOut, BlockingQueue<String> commands) {
        this(protocolOut, Runtimes::forKind, commands);
    }

    /** For tests: runtimes from {@code runtimes} instead of the real ones. */
    WorkerMain(PrintStream protocolOut, Function<RuntimeKind, InferenceRuntime> runtimes) {
        this(protocolOut, runtimes, new LinkedBlockingQueue<>());
    }

    WorkerMain(
            PrintStream protocolOut, Function<RuntimeKind, InferenceRuntime> runtimes, BlockingQueue<String> commands) {
        this.out = protocolOut;
        this.runtimes = runtimes;
        this.commands = commands;
    }

    /** Serves one request line; returns the process exit code (0 also when an error message was sent). */
    public int serve(String line) {
        if (line == null) {
            send(WorkerMessage.error(ErrorKind.INTERNAL, "worker got no request on stdin"));
            return 2;
        }
        WorkerRequest request;
        DebugCrash crash;
        try {
            request = Json.mapper().readValue(line, WorkerRequest.class);
            crash = DebugCrash.parse(request.debugCrash());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            send(WorkerMessage.error(ErrorKind.INTERNAL, "worker request rejected: " + e.getMessage()));
            return 2;
        }
        handle(request, crash);
        return 0;
    }

    void handle(WorkerRequest request, DebugCrash crash) {
        BenchParams p = request.params();
        try {
            phase(Phase.LOAD, crash);
            // before any runtime exists: its thread pools inherit the mask
            CpuPlacement placement = Placement.apply(p.measure().cpus());
            SessionOptions options = new SessionOptions(
                    p.runtime(),
                    p.delegate(),
                    p.threads(),
                    p.onnxSpinning(),
                    p.inputShapes(),
                    p.edgeTpu(),
                    p.requireFullDelegation());
            InferenceRuntime runtime = runtimes.apply(p.runtime());
            Long rssBeforeLoad = PeakRss.currentBytes();
            try (ModelSession session = runtime.open(p.model(), options)) {
                Long rssAfterLoad = PeakRss.currentBytes();
                Long loadRss = rssBeforeLoad == null || rssAfterLoad == null ? null : rssAfterLoad - rssBeforeLoad;
                if (request.mode() == WorkerRequest.Mode.ROUNDS) {
                    new RoundsServer(this::send, commands).serve(session, request, placement, n -> phase(n, crash));
                } else if (request.mode() == WorkerRequest.Mode.OUTPUTS) {
                    send(WorkerMessage.outputs(outputs(session, request)));
                } else {
                    send(WorkerMessage.bench(bench(session, p, crash, placement, loadRss)));
                }
            }
        } catch (AcceleratorUnavailableException | CpuAffinityException e) {
            send(WorkerMessage.error(ErrorKind.UNAVAILABLE, e.getMessage()));
        } catch (ModelLoadException e) {
            send(WorkerMessage.error(ErrorKind.MODEL, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(WorkerMessage.error(ErrorKind.INTERNAL, "worker interrupted while serving rounds"));
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(WorkerMessage.error(ErrorKind.INTERNAL, e.toString()));
        }
    }

    private BenchReport bench(
            ModelSession session, BenchParams p, DebugCrash crash, CpuPlacement placement, Long loadRssBytes) {
        List<InputShape> inputs = Measurement.fillInputs(session, p, p.seed());
        AtomicLong runsDone = new AtomicLong();
        ProgressReporter reporter = new ProgressReporter(runsDone, p, this::send);
        Measured measured;
        try {
            // --energy-accuracy: the parent measures energy; it says "stop" on stdin once it is known well enough
            boolean hold = p.energyAccuracyPct() != null;
            measured = Measurement.measure(
                    session,
                    p,
                    runsDone,
                    name -> {
                        phase(name, crash);
                        if (name == Phase.RUN) {
                            reporter.start();
                        }
                    },
                    Placement.probe(),
                    () -> hold && !StopSignal.requested());
        } finally {
            reporter.stop();
        }
        OpProfile profile = null;
        if (p.profileOps()) {
            phase(Phase.PROFILE, crash);
            profile = session.profileOps(OpProfiles.runs(measured));
        }
        phase(Phase.DONE, null);
        SessionTimings timings = session.timings();
        return new BenchReport(
                session.runtimeVersion(),
                session.delegate(),
                timings.modelLoadUs(),
                timings.initUs(),
                inputs,
                measured,
                PeakRss.bytes(),
                session.delegation(),
                session.edgeTpu().orElse(null),
                session.warnings(),
                profile,
                placement,
                loadRssBytes);
    }

    private OutputsReport outputs(ModelSession session, WorkerRequest request) {
        OutputsReport report = outputs(
                session,
                request.params(),
                request.seeds(),
                request.maxOutputValuesOrDefault(),
                new DirectoryListings());
        phase(Phase.DONE, null);
        return report;
    }

    /**
     * One inference per seed, every output dequantized (outputs mode, and rounds mode's agreement inputs). The seeds
     * are samples of the same directory inputs, so they share {@code listings}: each directory is listed once.
     */
    static OutputsReport outputs(
            ModelSession session,
            BenchParams params,
            List<Long> seeds,
            int maxOutputValues,
            DirectoryListings listings) {
        List<String> names = session.outputs().stream().map(t -> t.name()).toList();
        long declared = 0;
        for (var info : session.outputs()) {
            declared += info.isDynamic() ? 0 : info.elementCount();
        }
        checkOutputSize(declared, maxOutputValues);
        List<InputShape> inputs = List.of();
        List<OutputsReport.SeedOutputs> runs = new java.util.ArrayList<>();
        List<List<Long>> shapes = null;
        for (long seed : seeds) {
            inputs = Measurement.fillInputs(session, params, seed, listings);
            session.run();
            if (shapes == null) {
                shapes = new java.util.ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    shapes.add(session.outputShape(i));
                }
            }
            List<float[]> values = new java.util.ArrayList<>();
            long total = 0;
            for (int i = 0; i < names.size(); i++) {
                float[] v = session.output(i);
                total += v.length;
                values.add(v);
            }
            checkOutputSize(total, maxOutputValues);
            runs.add(new OutputsReport.SeedOutputs(seed, values, inputs));
        }
        List<OutputCoding> codings = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            codings.add(session.outputCoding(i));
        }
        return new OutputsReport(session.runtimeVersion(), session.delegate(), inputs, names, runs, shapes, codings);
    }

    private static void checkOutputSize(long values, int max) {
        if (values > max) {
            throw new ModelLoadException("Model outputs hold " + values + " values per inference; outputs mode returns"
                    + " at most " + max + " (max_output_values). Compare a smaller model or raise the bound.");
        }
    }

    private void phase(Phase name, DebugCrash crash) {
        send(WorkerMessage.phase(name));
        if (crash != null) {
            out.flush();
            crash.maybeFire(name);
        }
    }

    void send(WorkerMessage message) {
        try {
            String line = Json.mapper().writeValueAsString(message);
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.edgebench.daemon;

import io.edgebench.protocol.Job;

import io.edgebench.worker.BenchListener;
import io.edgebench.protocol.BenchParams;
import io.edgebench.bench.BenchRunner;
import io.edgebench.compare.Comparison;
import io.edgebench.protocol.Lane;
import io.edgebench.protocol.Command;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.telemetry.TelemetryFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The real executor: runs a bench job with {@link BenchRunner} (the model runs in a crash-isolated worker process)
 * on a file of the models dir, with telemetry at the request's sample_hz; a compare job with {@link Comparison}
 * (each lane in its own worker, as `edgebench compare` runs it), whose result is the CompareReport.
 */
public final class BenchJobExecutor implements JobExecutor {
    private final Path modelsDir;
    private final String profile;
    private final BenchRunner runner;

    /** @param profile the device profile name for telemetry; null: detected */
    public BenchJobExecutor(Path modelsDir, String profile, BenchRunner runner) {
        this.modelsDir = modelsDir;
        this.profile = profile;
        this.runner = runner;
    }

    @Override
    public Object execute(Job job, BenchListener listener, BooleanSupplier cancelled) {
        if (job.command() instanceof Command.Compare c) {
            return ModelPaths.hideIn(compare(c, listener, cancelled), modelsDir);
        }
        if (!(job.command() instanceof Command.Bench b)) {
            throw new UnsupportedOperationException("Command [" + job.verb() + "] is not available in this build");
        }
        BenchParams p = withModel(b.params(), modelsDir.resolve(b.params().model().toString()));
        RunTelemetry telemetry = TelemetryFactory.forHost(p.sampleHz(), profile);
        return ModelPaths.hideIn(runner.run(p, telemetry, listener, cancelled), modelsDir);
    }

    private Object compare(Command.Compare c, BenchListener listener, BooleanSupplier cancelled) {
        List<Path> models = c.models().stream().map(modelsDir::resolve).toList();
        List<Lane> lanes = lanes(models, c.choices());
        BenchParams t = c.template();
        return new Comparison(runner).run(lanes, lane -> new BenchParams(lane.model(), lane.runtime(),
                        lane.delegate(), t.threads(), t.warmupRuns(), t.warmupSeconds(), t.runs(), t.minSeconds(),
                        t.maxSeconds(), t.inputShapes(), t.seed(), t.onnxSpinning(), t.edgeTpu(),
                        t.requireFullDelegation(), 0, t.cooldownToC(), t.cooldownMaxSeconds()),
                c.agreementSeeds(), c.tolerance(), c.minTop1(), line -> { }, listener, cancelled);
    }

    /**
     * The lanes of a compare request; the error (a model no choice fits, a file that is not a model) names models
     * by file name, never by their path in the models dir.
     */
    List<Lane> lanes(List<Path> models, List<Lane.Choice> choices) {
        try {
            return Comparison.lanes(models, choices);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(ModelPaths.hide(e.getMessage(), modelsDir), e);
        }
    }

    /** The request names the model by file name; the worker needs the path inside the models dir. */
    static BenchParams withModel(BenchParams p, Path model) {
        return new BenchParams(model, p.runtime(), p.delegate(), p.threads(), p.warmupRuns(), p.warmupSeconds(),
                p.runs(), p.minSeconds(), p.maxSeconds(), p.inputShapes(), p.seed(), p.onnxSpinning(), p.edgeTpu(),
                p.requireFullDelegation(), p.sampleHz(), p.cooldownToC(), p.cooldownMaxSeconds());
    }
}

package io.edgebench.daemon;

import io.edgebench.bench.BenchRunner;
import io.edgebench.bench.ModelPaths;
import io.edgebench.compare.AccuracySets;
import io.edgebench.compare.Comparison;
import io.edgebench.compare.align.OutputMatch;
import io.edgebench.inputs.LanePlans;
import io.edgebench.results.BenchParams;
import io.edgebench.results.CompareReport;
import io.edgebench.results.InputPlan;
import io.edgebench.results.Lane;
import io.edgebench.telemetry.BoardHeat;
import io.edgebench.telemetry.HostPower;
import io.edgebench.telemetry.MeasuredAxes;
import io.edgebench.telemetry.RoundPower;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.telemetry.TelemetryFactory;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobOutput;
import io.edgebench.wire.Topics;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.SpareWorker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    private final HostPower power;

    /** @param profile the device profile name for telemetry; null: detected */
    public BenchJobExecutor(Path modelsDir, String profile, BenchRunner runner) {
        this(modelsDir, runner, HostPower.none(profile));
    }

    /** @param power the profile, and a plug with the links to read it (the agent's broker and credentials) */
    public BenchJobExecutor(Path modelsDir, BenchRunner runner, HostPower power) {
        this.modelsDir = modelsDir;
        this.profile = power.profileName();
        this.runner = runner.namingModelsIn(modelsDir);
        this.power = power;
    }

    @Override
    public JobOutput execute(Job job, BenchListener listener, BooleanSupplier cancelled) {
        try {
            return executeJob(job, listener, cancelled);
        } finally {
            SpareWorker.refillInstalled(); // after the job, never during it: a JVM start would perturb the timing
        }
    }

    private JobOutput executeJob(Job job, BenchListener listener, BooleanSupplier cancelled) {
        if (job.command() instanceof Command.Compare c) {
            return JobOutput.of(compare(c, listener, cancelled));
        }
        if (!(job.command() instanceof Command.Bench b)) {
            throw new UnsupportedOperationException("Command [" + job.verb() + "] is not available in this build");
        }
        BenchParams p = withModel(
                        b.params(), modelsDir.resolve(b.params().model().toString()))
                .withInputs(inputs(Topics.BENCH, b.params().inputs()));
        RunTelemetry telemetry = TelemetryFactory.forMachine(p.sampleHz(), power);
        return JobOutput.of(runner.run(p, telemetry, listener, cancelled));
    }

    /** The request's input files resolved in the inputs dir (checked again: the file may be gone since). */
    private InputPlan inputs(String verb, InputPlan plan) {
        try {
            return new InputStore(InputStore.dirFor(modelsDir), Long.MAX_VALUE).resolve(verb, plan);
        } catch (CommandRejectedException | java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private CompareReport compare(Command.Compare c, BenchListener listener, BooleanSupplier cancelled) {
        List<Path> models = c.models().stream().map(modelsDir::resolve).toList();
        List<Lane> lanes = Lane.sweep(lanes(models, c.choices()), c.threadSweep());
        BenchParams t = c.template();
        AccuracySets sets = sets(c, models);
        InputPlan plan = sets.plan(inputs(Topics.COMPARE, t.inputs()));
        Map<Path, InputPlan> plans = LanePlans.split(plan, models);
        // every lane samples at the request's sample_hz: its energy per inference and uncertainty are in its result
        Comparison comparison = new Comparison(runner, p -> TelemetryFactory.forMachine(p.sampleHz(), power))
                .withMatches(OutputMatch.parseAll(c.matches()))
                .withAxes(MeasuredAxes.probe(power))
                .withRoundPower(() -> RoundPower.forHost(power))
                .withBoardHeat(() -> BoardHeat.forHost(power));
        return comparison
                .checkingAgainst(sets)
                .run(
                        lanes,
                        lane -> t.toBuilder()
                                .model(lane.model())
                                .runtime(lane.runtime())
                                .delegate(lane.delegate())
                                .threads(lane.threads() != null ? lane.threads() : t.threads())
                                .inputs(plans.get(lane.model()))
                                .build(),
                        LanePlans.agreementSeeds(plan, models, c.agreementSeeds()), // one file: fed once
                        c.tolerance(),
                        c.minTop1(),
                        line -> {},
                        listener,
                        cancelled);
    }

    /** The sets the request names, checked again: a set may have changed since the job was queued. */
    private AccuracySets sets(Command.Compare c, List<Path> models) {
        try {
            return new SetStore(SetStore.dirFor(modelsDir), Long.MAX_VALUE).open(c, models, modelsDir);
        } catch (CommandRejectedException | java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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
        return p.withModel(model);
    }
}

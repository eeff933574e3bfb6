package io.edgebench.compare;

import io.edgebench.bench.BenchRunner;
import io.edgebench.compare.align.LaneOutputs;
import io.edgebench.compare.align.OutputMatch;
import io.edgebench.compare.align.PairComparison;
import io.edgebench.model.ModelFile;
import io.edgebench.results.Accuracy;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.ModelRef;
import io.edgebench.results.CompareReport;
import io.edgebench.results.Lane;
import io.edgebench.results.PairAgreement;
import io.edgebench.results.PairVerdict;
import io.edgebench.results.Phase;
import io.edgebench.results.VerdictOptions;
import io.edgebench.telemetry.BoardHeat;
import io.edgebench.telemetry.MeasuredAxes;
import io.edgebench.telemetry.RoundPower;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.OutputsReport;
import io.edgebench.worker.ReadyReport;
import io.edgebench.worker.WorkerDriver;
import io.edgebench.worker.WorkerRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs every model with every matching runtime:delegate (a TFLite file with the tflite choices, an ONNX file with
 * the onnx ones), each in its own worker process that stays up: interleaved timed rounds, then one inference per
 * agreement seed whose outputs are compared between every pair of lanes, then the verdicts. Inputs come from the same seeds; a 4-D NCHW input gets the NHWC
 * values transposed (bench.InputGenerator), so a TFLite and an ONNX export of one network see the same image.
 */
public final class Comparison {
    /** Output values kept per inference; softmax heads of 1001 classes fit many times over. */
    public static final int MAX_OUTPUT_VALUES = 1 << 20;

    private final BenchRunner runner;
    private final Function<BenchParams, RunTelemetry> telemetry;
    private final List<OutputMatch> matches;
    /** --reference and --dataset, each null when not given. */
    private final AccuracySets sets;
    /** Where to save the outputs; null: not saved. */
    private final Saving save;

    /**
     * --save-reference: the new folder and the input directory whose files the outputs came from (both null: no
     * reference set); --save-outputs: the folder for every lane's outputs (null: not saved).
     */
    private record Saving(Path dir, Path inputDir, Path outputsDir) {}

    private final List<String> notMeasured;
    /** Starts sampling the board's power for the interleaved rounds; null from it: no source, nothing sampled. */
    private final Supplier<RoundPower> roundPower;
    /** The board's temperature sources for the heat blocks; null from it: none, nothing run. */
    private final Supplier<BoardHeat> boardHeat;

    /** Lanes without telemetry. */
    public Comparison(BenchRunner runner) {
        this(runner, p -> RunTelemetry.OFF);
    }

    /**
     * @param telemetry fresh telemetry for each lane's benchmark (its energy per inference and uncertainty land in
     *     that lane's result); RunTelemetry.OFF for none
     */
    public Comparison(BenchRunner runner, Function<BenchParams, RunTelemetry> telemetry) {
        this(runner, telemetry, List.of(), AccuracySets.NONE, null, List.of(), () -> null, () -> null);
    }

    private Comparison(
            BenchRunner runner,
            Function<BenchParams, RunTelemetry> telemetry,
            List<OutputMatch> matches,
            AccuracySets sets,
            Saving save,
            List<String> notMeasured,
            Supplier<RoundPower> roundPower,
            Supplier<BoardHeat> boardHeat) {
        this.runner = runner;
        this.telemetry = telemetry;
        this.matches = List.copyOf(matches);
        this.sets = sets;
        this.save = save;
        this.notMeasured = List.copyOf(notMeasured);
        this.roundPower = roundPower;
        this.boardHeat = boardHeat;
    }

    /** The same comparison with the user's output pairings (--match), tried on every pair of lanes. */
    public Comparison withMatches(List<OutputMatch> pairings) {
        return new Comparison(runner, telemetry, pairings, sets, save, notMeasured, roundPower, boardHeat);
    }

    /**
     * The same comparison checking every lane against these sets (reference outputs, a labelled set); the caller
     * feeds the set's inputs ({@link AccuracySets#plan}) with seeds 1..samples, so sample k of every lane is the
     * set's sample k.
     */
    public Comparison checkingAgainst(AccuracySets checked) {
        return new Comparison(runner, telemetry, matches, checked, save, notMeasured, roundPower, boardHeat);
    }

    /** The same comparison saving the first lane's outputs on {@code inputDir}'s files as a reference set in dir. */
    public Comparison savingReference(Path dir, Path inputDir) {
        Path outputsDir = save == null ? null : save.outputsDir();
        return new Comparison(
                runner,
                telemetry,
                matches,
                sets,
                new Saving(dir, inputDir, outputsDir),
                notMeasured,
                roundPower,
                boardHeat);
    }

    /**
     * The same comparison writing every lane's outputs on the agreement inputs to dir ({@link OutputsWriter}'s
     * layout); a dir that is a symbolic link, a file or a non-empty folder is refused here, before any lane runs.
     */
    public Comparison savingOutputs(Path dir) {
        OutputsWriter.check(dir);
        Saving s = save == null ? new Saving(null, null, dir) : new Saving(save.dir(), save.inputDir(), dir);
        return new Comparison(runner, telemetry, matches, sets, s, notMeasured, roundPower, boardHeat);
    }

    /** The same comparison, saying in its report which sensor axes interleaved rounds leave unmeasured and why. */
    public Comparison withAxes(MeasuredAxes axes) {
        return new Comparison(runner, telemetry, matches, sets, save, axes.notMeasured(), roundPower, boardHeat);
    }

    /**
     * The same comparison sampling the board's power during its interleaved rounds, for energy verdicts between
     * lanes: {@code power} starts the sampling (RoundPower::start; null from it: no power source, nothing sampled).
     */
    public Comparison withRoundPower(Supplier<RoundPower> power) {
        return new Comparison(runner, telemetry, matches, sets, save, notMeasured, power, boardHeat);
    }

    /**
     * The same comparison running heat blocks after its rounds when the request asks for them (heat_blocks above 0),
     * for temperature verdicts between lanes: {@code heat} opens the board's temperature sources (BoardHeat::forHost;
     * null from it: no source, the "not measured" line stays).
     */
    public Comparison withBoardHeat(Supplier<BoardHeat> heat) {
        return new Comparison(runner, telemetry, matches, sets, save, notMeasured, roundPower, heat);
    }

    /** The lanes for these models and choices, in model order then choice order; a model no choice fits is an error. */
    public static List<Lane> lanes(List<Path> models, List<Lane.Choice> choices) {
        List<Lane> lanes = new ArrayList<>();
        for (Path m : models) {
            var format = ModelFile.open(m).format().runtime();
            int before = lanes.size();
            for (Lane.Choice c : choices) {
                if (c.runtime() == format) {
                    lanes.add(new Lane(m, c.runtime(), c.delegate()));
                }
            }
            if (lanes.size() == before) {
                throw new IllegalArgumentException("model [" + m + "] is " + format.id() + " but --delegates lists no "
                        + format.id() + ":... choice; add e.g. " + format.id() + ":cpu");
            }
        }
        return lanes;
    }

    /**
     * Runs all lanes. {@code params} makes the BenchParams of one lane (runs, threads, seed...); {@code progress}
     * hears one line per step.
     */
    public CompareReport run(
            List<Lane> lanes,
            Function<Lane, BenchParams> params,
            List<Long> seeds,
            double tolerance,
            double minTop1,
            Consumer<String> progress) {
        return run(lanes, params, seeds, tolerance, minTop1, progress, BenchListener.NONE, () -> false);
    }

    /**
     * As above, for the agent's compare job: phases go to {@code listener} (load, warmup, run, done for the whole
     * comparison), and once {@code cancelled} turns true the workers are stopped and CancellationException thrown.
     *
     * <p>Every lane runs in several worker processes one after another ({@link Forks}); the processes of one fork
     * start together (loading in parallel), warm up, then run in {@link InterleavedRounds}; the agreement inputs
     * go through the last fork's workers afterwards.
     */
    public CompareReport run(
            List<Lane> lanes,
            Function<Lane, BenchParams> params,
            List<Long> seeds,
            double tolerance,
            double minTop1,
            Consumer<String> progress,
            BenchListener listener,
            BooleanSupplier cancelled) {
        if (lanes.stream()
                .anyMatch(l -> params.apply(l).sampleHz() > 0 || params.apply(l).profileOps())) {
            // a lane's energy needs its own telemetry window, and --profile-ops a bench worker's profiled pass:
            // lanes run one after the other (see docs/bench.md)
            return sequential(lanes, params, seeds, tolerance, minTop1, progress, listener, cancelled);
        }
        long startNs = System.nanoTime();
        List<BenchParams> ps = new ArrayList<>();
        List<ModelRef> refs = new ArrayList<>();
        for (Lane lane : lanes) {
            ModelFile file = ModelFile.open(lane.model());
            ps.add(BenchRunner.resolve(params.apply(lane), file.format().runtime()));
            refs.add(new ModelRef(runner.named(lane.model().toString()), file.sha256(), file.format()));
        }
        RoundPower power = roundPower.get();
        VerdictOptions verdict = ps.get(0).measure().verdict();
        // the idle baseline of the heat blocks: the board before any worker started
        BoardHeat board = verdict.heatBlocks() == 0 ? null : boardHeat.get();
        double idleC = board == null ? Double.NaN : board.hottestC();
        InterleavedRounds.Plan plan = plan(ps.get(0), power);
        Forks forks = new Forks(runner, lanes, ps, plan, progress, listener, cancelled);
        List<String> outputErrors = new ArrayList<>();
        List<LaneOutputs> outputs = new ArrayList<>();
        List<OutputsReport> firstReports = null;
        RoundPower.Source source = null;
        HeatRun.Outcome heat;
        try {
            forks.run();
            source = power == null ? null : power.stop(); // the outputs phase is not measured
            heat = HeatRun.afterRounds(
                    forks, verdict, board, idleC, runner.limits().grace(), progress, cancelled);
            for (int i = 0; i < lanes.size(); i++) {
                progress.accept("outputs " + lanes.get(i).label() + " (" + seeds.size()
                        + (seeds.size() == 1 ? " input)" : " inputs)"));
                LaneWorker worker = forks.workers().get(i);
                List<OutputsReport> reports = inChunks(seeds, lanes.get(i), outputErrors, chunk -> {
                    OutputsReport r = worker.outputs(
                            chunk, MAX_OUTPUT_VALUES, runner.limits().loadAllowance(), cancelled);
                    return new BenchRunner.Outputs(r, r == null ? runner.named(worker.failure()) : null);
                });
                outputs.add(reports == null ? null : laneOutputs(reports));
                firstReports = firstReports == null ? reports : firstReports;
            }
        } finally {
            forks.close();
            if (power != null) {
                power.close();
            }
            if (board != null) {
                board.close();
            }
        }
        double wallS = (System.nanoTime() - startNs) / 1e9;
        InterleavedRounds.Outcome outcome = forks.outcome();
        RoundEnergy energy = power == null
                ? null
                : source == null
                        ? RoundEnergy.silent(power.sources())
                        : RoundEnergy.of(
                                outcome.tallies(), source, power::window, plan.roundSeconds(), plan.maxSeconds());
        List<ReadyReport> ready = forks.ready();
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("compare cancelled");
        }
        listener.onPhase(Phase.DONE);
        List<String> labels = Lane.uniqueLabels(lanes);
        List<BenchResult> results = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            WorkerDriver.Failure f = forks.failure(i);
            // results leave the board: failures name models as the request did (BenchRunner.namingModelsIn)
            f = f == null ? null : runner.named(f);
            LaneTally tally = outcome.tallies().get(i);
            String shortfall =
                    outcome.end().shortfall(i, labels, tally, ps.get(i).runs());
            results.add(LaneResults.of(ps.get(i), refs.get(i), ready.get(i), tally, f, shortfall));
        }
        List<PairAgreement> pairs = pairs(labels, outputs, tolerance, minTop1);
        outputErrors.addAll(unusedMatches(pairs));
        double heatS = heat.blocks() == null
                ? 0
                : heat.blocks().blocks().size() * heat.blocks().blockS();
        CompareReport.Rounds rounds = rounds(outcome, forks.processes(), wallS, forks.warmupSeconds() + heatS);
        LaneVerdicts v = LaneVerdicts.of(
                lanes,
                outcome.tallies(),
                results,
                ps.get(0).measure().verdict(),
                energy == null || energy.notResolvable() != null ? null : energy);
        List<PairVerdict> verdicts =
                heat.blocks() == null ? v.pairs() : HeatVerdicts.attach(v.pairs(), lanes, heat.blocks());
        return CompareReport.builder(labels, results)
                .agreement(seeds, tolerance, minTop1, pairs)
                .outputErrors(outputErrors)
                .agreementInputs(agreementInputs(firstReports))
                .rounds(rounds)
                .verdicts(verdicts)
                .sweep(v.sweep())
                .reference(checkOrSaveReference(labels, outputs, tolerance, minTop1, seeds, firstReports))
                .accuracy(AccuracyFront.attach(
                        DatasetAccuracy.withRoundEnergy(
                                accuracy(labels, outputs, firstReports),
                                labels,
                                energy == null || energy.notResolvable() != null ? null : energy.perInference(0)),
                        labels,
                        results,
                        verdicts))
                .notMeasured(notMeasured(energy, heat))
                .heat(heat.blocks())
                .build();
    }

    /**
     * The axes not measured: the energy line goes when every round resolved, and says why when some did not; the
     * temperature line goes when heat blocks ran, and says why when they were asked for and did not.
     */
    private List<String> notMeasured(RoundEnergy energy, HeatRun.Outcome heat) {
        List<String> out = new ArrayList<>(notMeasured);
        if (energy != null) {
            out.removeIf(l -> l.startsWith("energy per inference:"));
            if (energy.notResolvable() != null) {
                out.add(0, energy.notResolvable());
            }
        }
        if (heat.blocks() != null || heat.why() != null) {
            out.removeIf(l -> l.startsWith("temperature:"));
        }
        if (heat.why() != null) {
            out.add(heat.why());
        }
        return out;
    }

    /**
     * The rounds' record: {@code wallS} (the whole comparison) against its windows: {@code windowsS} (the warm-ups,
     * one per fork, and the heat blocks) plus every lane's timed rounds (rounds run one lane at a time, so those add
     * up).
     */
    static CompareReport.Rounds rounds(
            InterleavedRounds.Outcome outcome, int processes, double wallS, double windowsS) {
        double measuredS = windowsS
                + outcome.tallies().stream()
                        .mapToDouble(LaneTally::timedSeconds)
                        .sum();
        return new CompareReport.Rounds(
                outcome.seed(),
                outcome.roundSeconds(),
                outcome.orders().size(),
                processes,
                outcome.orders(),
                wallS,
                measuredS,
                measuredS > 0 ? wallS / measuredS : Double.NaN);
    }

    /** The rounds' bounds from the lanes' (shared) counts and seconds; the shuffle seed from the run's seed. */
    private InterleavedRounds.Plan plan(BenchParams p, RoundPower power) {
        // with the board's power sampled, a round must be long enough to hold a few of its readings
        double round = power == null
                ? InterleavedRounds.DEFAULT_ROUND_SECONDS
                : Math.max(
                        InterleavedRounds.DEFAULT_ROUND_SECONDS, RoundEnergy.neededRoundSeconds(power.nominalRateHz()));
        return new InterleavedRounds.Plan(
                Math.min(round, p.maxSeconds()),
                p.runs(),
                p.minSeconds(),
                p.maxSeconds(),
                p.measure().untilCiPct(),
                p.seed(),
                runner.limits().grace());
    }

    /**
     * One lane's outputs, asked {@link WorkerRequest#MAX_SEEDS} seeds at a time (a worker's bound per request); null,
     * with the lane's error added to {@code errors}, once a chunk fails.
     */
    private static List<OutputsReport> inChunks(
            List<Long> seeds, Lane lane, List<String> errors, Function<List<Long>, BenchRunner.Outputs> ask) {
        List<OutputsReport> reports = new ArrayList<>();
        for (int from = 0; from < seeds.size(); from += WorkerRequest.MAX_SEEDS) {
            BenchRunner.Outputs o =
                    ask.apply(seeds.subList(from, Math.min(seeds.size(), from + WorkerRequest.MAX_SEEDS)));
            if (o.report() == null) {
                errors.add(lane.label() + ": " + o.failure().message());
                return null;
            }
            reports.add(o.report());
        }
        return reports;
    }

    /**
     * With telemetry: every lane in turn, a timed benchmark with its own telemetry window (energy per inference and
     * its uncertainty in the lane's result), then its outputs. No interleaving and no verdicts between lanes here: the
     * lanes' raw samples stay in their workers (interleaved rounds answer energy per round, see withRoundPower).
     */
    private CompareReport sequential(
            List<Lane> lanes,
            Function<Lane, BenchParams> params,
            List<Long> seeds,
            double tolerance,
            double minTop1,
            Consumer<String> progress,
            BenchListener listener,
            BooleanSupplier cancelled) {
        List<BenchResult> results = new ArrayList<>();
        List<LaneOutputs> outputs = new ArrayList<>();
        List<OutputsReport> firstReports = null;
        List<String> outputErrors = new ArrayList<>();
        for (Lane lane : lanes) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("compare cancelled before lane [" + lane.label() + "]");
            }
            BenchParams p = params.apply(lane);
            progress.accept("bench   " + lane.label());
            results.add(runner.run(p, telemetry.apply(p), listener, cancelled));
            progress.accept(
                    "outputs " + lane.label() + " (" + seeds.size() + (seeds.size() == 1 ? " input)" : " inputs)"));
            List<OutputsReport> reports = inChunks(
                    seeds, lane, outputErrors, chunk -> runner.outputs(p, chunk, MAX_OUTPUT_VALUES, cancelled));
            outputs.add(reports == null ? null : laneOutputs(reports));
            firstReports = firstReports == null ? reports : firstReports;
        }
        List<String> labels = Lane.uniqueLabels(lanes);
        List<PairAgreement> pairs = pairs(labels, outputs, tolerance, minTop1);
        outputErrors.addAll(unusedMatches(pairs));
        List<CompareReport.AgreementSample> samples = agreementInputs(firstReports);
        return CompareReport.builder(labels, results)
                .agreement(seeds, tolerance, minTop1, pairs)
                .outputErrors(outputErrors)
                .agreementInputs(samples)
                .reference(checkOrSaveReference(labels, outputs, tolerance, minTop1, seeds, firstReports))
                // each lane ran in its own telemetry window here, so its energy per inference is its own
                .accuracy(DatasetAccuracy.withEnergy(accuracy(labels, outputs, firstReports), labels, results))
                .build();
    }

    /** Per sample, the inputs as fed, when any is not seeded; null when the user chose none (seeds say it all). */
    static List<CompareReport.AgreementSample> agreementInputs(List<OutputsReport> reports) {
        if (reports == null) {
            return null;
        }
        List<CompareReport.AgreementSample> out = new ArrayList<>();
        boolean chosen = false;
        for (OutputsReport r : reports) {
            for (OutputsReport.SeedOutputs run : r.runs()) {
                if (run.inputs() == null) {
                    return null;
                }
                chosen |= run.inputs().stream()
                        .anyMatch(i ->
                                i.source() != null && !"seed".equals(i.source().kind()));
                out.add(new CompareReport.AgreementSample(run.seed(), run.inputs()));
            }
        }
        return chosen ? out : null;
    }

    /** The aligned agreement of every pair of lanes that both produced outputs. */
    private List<PairAgreement> pairs(
            List<String> labels, List<LaneOutputs> outputs, double tolerance, double minTop1) {
        List<PairAgreement> pairs = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = i + 1; j < outputs.size(); j++) {
                if (outputs.get(i) != null && outputs.get(j) != null) {
                    pairs.add(PairComparison.of(
                            labels.get(i), outputs.get(i), labels.get(j), outputs.get(j), matches, tolerance, minTop1));
                }
            }
        }
        return pairs;
    }

    /**
     * Saves every lane's outputs (--save-outputs) and the first lane's as a reference set (--save-reference), or
     * checks every lane against one.
     */
    private List<io.edgebench.results.ReferenceCheck> checkOrSaveReference(
            List<String> labels,
            List<LaneOutputs> outputs,
            double tolerance,
            double minTop1,
            List<Long> seeds,
            List<OutputsReport> firstReports) {
        if (save != null && save.outputsDir() != null) {
            OutputsWriter.write(save.outputsDir(), labels, outputs, seeds, agreementInputs(firstReports));
        }
        LaneOutputs first =
                outputs.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (save != null && save.dir() != null && first != null) {
            ReferenceWriter.write(save.dir(), first, save.inputDir());
        }
        return sets.reference() == null
                ? List.of()
                : ReferenceChecks.of(sets.reference().outputs(), labels, outputs, matches, tolerance, minTop1);
    }

    /** Every lane scored on the labelled set, with the normalization the first lane fed; null without a set. */
    private Accuracy accuracy(List<String> labels, List<LaneOutputs> outputs, List<OutputsReport> firstReports) {
        return sets.dataset() == null
                ? null
                : DatasetAccuracy.of(sets.dataset(), labels, outputs, Normalization.of(agreementInputs(firstReports)));
    }

    /** A --match that paired nothing in any pair of lanes is a typo or the wrong pair: say so (it fails the run). */
    private List<String> unusedMatches(List<PairAgreement> pairs) {
        List<String> out = new ArrayList<>();
        for (OutputMatch m : matches) {
            boolean used = pairs.stream()
                    .flatMap(p -> p.outputs().stream())
                    .anyMatch(o -> "match".equals(o.matchedBy()) && (o.x().equals(m.a()) || o.y().equals(m.a())));
            if (!used && pairs.stream().anyMatch(p -> p.notComparable() == null)) {
                out.add("--match " + m + ": no pair of lanes has output [" + m.a() + "] on one side and "
                        + m.parts() + " on the other; check the names against each model's outputs (edgebench"
                        + " inspect)");
            }
        }
        return out;
    }

    /** The per-seed outputs of one lane's workers, with names and shapes for alignment. */
    static LaneOutputs laneOutputs(List<OutputsReport> reports) {
        OutputsReport first = reports.get(0);
        List<List<float[]>> samples = new ArrayList<>();
        reports.forEach(r -> r.runs().forEach(run -> samples.add(run.outputs())));
        List<List<Long>> shapes = first.outputShapes();
        if (shapes == null) {
            // an older worker: shapes unknown, so each output is taken as flat
            shapes = first.runs().get(0).outputs().stream()
                    .map(a -> List.of((long) a.length))
                    .toList();
        }
        return new LaneOutputs(first.outputNames(), shapes, samples, first.outputCodings());
    }
}

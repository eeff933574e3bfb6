package io.edgebench.cli;

import io.edgebench.bench.BenchRunner;
import io.edgebench.compare.AccuracySets;
import io.edgebench.compare.CompareTable;
import io.edgebench.compare.Comparison;
import io.edgebench.compare.align.OutputMatch;
import io.edgebench.config.SystemRoots;
import io.edgebench.inputs.LanePlans;
import io.edgebench.json.Json;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.results.BenchParams;
import io.edgebench.results.CompareReport;
import io.edgebench.results.CompareRequest;
import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.InputPlan;
import io.edgebench.results.Lane;
import io.edgebench.results.RequestSchema;
import io.edgebench.telemetry.BoardHeat;
import io.edgebench.telemetry.HostPower;
import io.edgebench.telemetry.MeasuredAxes;
import io.edgebench.telemetry.RoundPower;
import io.edgebench.telemetry.TelemetryFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgebench compare MODEL...}: every model with every matching runtime:delegate, side by side, plus how
 * closely their outputs agree on the same seeded inputs.
 */
@Command(
        name = "compare",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Runs each model with each matching runtime:delegate (each in its own worker process) and prints"
                    + " one side-by-side table (latency percentiles, init, memory, throughput, telemetry when sampled)"
                    + " and the output agreement of every pair: max abs error, cosine similarity, top-1 agreement.",
            "Inputs are the same seeded values for every lane, transposed NHWC->NCHW for NCHW inputs."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every lane ran and no pair disagrees beyond tolerance",
            "1:a lane failed (an Edge TPU lane without libedgetpu or device too) or a pair is flagged",
            "64:bad usage",
            "65:a model was rejected"
        })
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RequestOptions<CompareRequest> request = new RequestOptions<>(CompareRequest.class);

    @Option(names = "--profile", paramLabel = "NAME", description = "Device profile for telemetry. Default: detected.")
    String profile;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "Directory of extra/overriding profile files.")
    Path profilesDir;

    @Option(
            names = "--power-plug",
            paramLabel = "PRESET:DEVICE[@BROKER]",
            description = "Board power from a smart plug over MQTT for every lane, e.g. tasmota:plug1@tcp://host:1883.")
    String powerPlug;

    @Option(
            names = "--save-reference",
            paramLabel = "DIR",
            description = "Save the first lane's outputs on the"
                    + " --input directory's files as a reference set in DIR (a new folder), for --reference on other lanes"
                    + " or boards.")
    Path saveReference;

    @Option(
            names = "--save-outputs",
            paramLabel = "DIR",
            description = "Write every lane's outputs on the agreement inputs to DIR (new or empty):"
                    + " DIR/LANE/OUTPUT/00001.npy, float32, quantized outputs dequantized, and DIR/index.json naming"
                    + " each sample's input (docs/bench.md).")
    Path saveOutputs;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full report as JSON (- for stdout).")
    String json;

    /**
     * A fixture board's sysfs for the interleaved rounds' power, the sequential lanes' telemetry and the axes probe
     * (tests; `sensors` has it too).
     */
    @Option(names = "--sysfs-root", hidden = true, defaultValue = "/sys", description = "sysfs root of the sensors.")
    Path sysfsRoot;

    @Option(names = "--quiet", description = "No progress lines and no table.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        CompareRequest r = request.request();
        Path reference = r.reference() == null ? null : Path.of(r.reference());
        Path dataset = r.dataset() == null ? null : Path.of(r.dataset());
        List<Path> models = r.models().stream().map(Path::of).toList();
        BenchParams template = r.template(models.get(0), RequestSchema.Voice.CLI);
        if (powerPlug != null && template.sampleHz() == 0) {
            throw new IllegalArgumentException("--power-plug needs telemetry: add --sample-hz, e.g. --sample-hz 50");
        }
        List<Lane.Choice> choices = r.choices();
        boolean edgeTpuLane = choices.stream().anyMatch(c -> c.delegate() == Delegate.EDGETPU);
        if (!edgeTpuLane && template.requireFullDelegation()) {
            throw new IllegalArgumentException("--require-full-delegation applies to tflite:edgetpu lanes only; add "
                    + "tflite:edgetpu to --delegates");
        }
        BenchCommand.requireEdgeTpu(edgeTpuLane, r.lane());
        List<Lane> lanes = Lane.sweep(Comparison.lanes(models, choices), r.sweep());
        boolean jsonToStdout = "-".equals(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter text = jsonToStdout ? spec.commandLine().getErr() : out;
        // before either folder is opened: the conflict, not a layout error of one of them, is the mistake
        if (dataset != null && saveReference != null) {
            throw new IllegalArgumentException("--dataset [" + dataset + "] and --save-reference [" + saveReference
                    + "] both choose the inputs; run them as two compares");
        }
        r.checkSets(RequestSchema.Voice.CLI, !template.inputs().sources().isEmpty());
        AccuracySets sets = AccuracySets.open(reference, dataset, r.datasetOutput(), models);
        InputPlan plan = sets.plan(template.inputs());
        Map<Path, InputPlan> plans = LanePlans.split(plan, models);
        List<Long> seeds = LanePlans.agreementSeeds(plan, models, r.seeds());
        HostPower host = HostPower.cli(profile, profilesDir, powerPlug, PahoPowerLinks.standalone(line -> {}));
        SystemRoots roots = new SystemRoots(
                sysfsRoot, SystemRoots.host().proc(), SystemRoots.host().dev());
        // --sysfs-root is read by the sequential lanes' telemetry as by the interleaved rounds' power and heat
        Comparison comparison = new Comparison(
                        new BenchRunner(), p -> TelemetryFactory.forMachine(p.sampleHz(), host, roots))
                .withMatches(OutputMatch.parseAll(r.matches()))
                .withAxes(MeasuredAxes.probe(host, roots))
                .withRoundPower(() -> RoundPower.forHost(host, roots))
                .withBoardHeat(() -> BoardHeat.forHost(host, roots));
        if (saveOutputs != null) {
            comparison = comparison.savingOutputs(saveOutputs);
        }
        if (saveReference != null) {
            comparison = comparison.savingReference(saveReference, savedInputDir(plan));
        }
        CompareReport report = comparison
                .checkingAgainst(sets)
                .run(
                        lanes,
                        l -> params(template, l, plans.get(l.model())),
                        seeds,
                        r.toleranceOrDefault(),
                        r.minTop1OrDefault(),
                        line -> {
                            if (!quiet) {
                                spec.commandLine().getErr().println(line);
                            }
                        });
        if (!quiet) {
            text.print(CompareTable.render(report));
            text.flush();
        }
        if (json != null) {
            String s = Json.pretty().writeValueAsString(report) + System.lineSeparator();
            if (jsonToStdout) {
                out.print(s);
                out.flush();
            } else {
                Files.writeString(Path.of(json), s);
            }
        }
        return report.allGood() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** --save-reference copies the inputs: they must be one directory feeding a model's inputs. */
    private Path savedInputDir(InputPlan plan) {
        if (plan.sources().size() != 1
                || plan.sources().get(0).file() == null
                || !Files.isDirectory(plan.sources().get(0).file())) {
            throw new IllegalArgumentException("--save-reference [" + saveReference + "] needs the inputs as one"
                    + " directory (--input DIR, one file per sample) for a single-input model; got "
                    + plan.sources().size() + " input source(s)");
        }
        return plan.sources().get(0).file();
    }

    /** The lane's BenchParams; the Edge TPU options (and full delegation) go to tflite:edgetpu lanes only. */
    private static BenchParams params(BenchParams template, Lane lane, InputPlan plan) {
        boolean onEdgeTpu = lane.delegate() == Delegate.EDGETPU;
        return template.toBuilder()
                .model(lane.model())
                .runtime(lane.runtime())
                .delegate(lane.delegate())
                .threads(lane.threads() != null ? lane.threads() : template.threads())
                .inputs(plan)
                .edgeTpu(onEdgeTpu ? template.edgeTpu() : EdgeTpuOptions.defaults())
                .requireFullDelegation(onEdgeTpu && template.requireFullDelegation())
                .build();
    }
}

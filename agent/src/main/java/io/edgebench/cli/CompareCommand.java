package io.edgebench.cli;

import io.edgebench.compare.align.OutputMatch;
import io.edgebench.results.InputPlan;
import io.edgebench.compare.ReferenceSet;
import io.edgebench.inputs.InputFiles;
import io.edgebench.inputs.LanePlans;
import java.util.ArrayList;
import java.util.Map;

import io.edgebench.results.BenchParams;
import io.edgebench.results.MeasureOptions;
import io.edgebench.bench.BenchRunner;
import io.edgebench.results.CompareReport;
import io.edgebench.compare.CompareTable;
import io.edgebench.compare.Comparison;
import io.edgebench.results.Lane;
import io.edgebench.json.Json;
import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.telemetry.HostPower;
import io.edgebench.telemetry.TelemetryFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgebench compare MODEL...}: every model with every matching runtime:delegate, side by side, plus how
 * closely their outputs agree on the same seeded inputs.
 */
@Command(name = "compare", sortOptions = false, defaultValueProvider = BenchDefaults.class,
        mixinStandardHelpOptions = true,
        description = {"Runs each model with each matching runtime:delegate (each in its own worker process) and prints"
                + " one side-by-side table (latency percentiles, init, memory, throughput, telemetry when sampled)"
                + " and the output agreement of every pair: max abs error, cosine similarity, top-1 agreement.",
            "Inputs are the same seeded values for every lane, transposed NHWC->NCHW for NCHW inputs."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every lane ran and no pair disagrees beyond tolerance",
            "1:a lane failed (an Edge TPU lane without libedgetpu or device too) or a pair is flagged",
            "64:bad usage", "65:a model was rejected"})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = ".tflite and/or .onnx files.")
    List<Path> models;

    @Option(names = "--delegates", defaultValue = "tflite:cpu,tflite:xnnpack,onnx:cpu", paramLabel = "LIST",
            description = "runtime:delegate choices (tflite:cpu, tflite:xnnpack, tflite:edgetpu, onnx:cpu); each "
                    + "model runs with those of its format (default: ${DEFAULT-VALUE}).")
    String delegates;

    @Option(names = "--edgetpu-device", paramLabel = "usb:0|pci:0",
            description = "tflite:edgetpu lanes: usb, pci, usb:N, pci:N or :N (N-th device). Default: first found.")
    String edgeTpuDevice;

    @Option(names = "--edgetpu-performance", paramLabel = "max|high|medium|low",
            description = "tflite:edgetpu lanes: libedgetpu's clock setting. Default: max.")
    String edgeTpuPerformance;

    @Option(names = "--require-full-delegation",
            description = "tflite:edgetpu lanes fail when any op stays on the CPU.")
    boolean requireFullDelegation;

    @Option(names = "--threads", split = ",", paramLabel = "N[,N...]",
            description = "Intra-op threads; a list (1,2,4) sweeps: every lane runs with each. Default: all cores up"
                    + " to 4 (here ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--runs", description = "Timed runs per lane, at least. Default: ${DEFAULT-VALUE}.")
    Integer runs;

    @Option(names = "--min-seconds", description = "Time each lane at least this long. Default: ${DEFAULT-VALUE}.")
    Double minSeconds;

    @Option(names = "--max-seconds", description = "Stop timing a lane after this long. Default: ${DEFAULT-VALUE}.")
    Double maxSeconds;

    @Option(names = "--agreement-inputs", defaultValue = "20", paramLabel = "N",
            description = "Seeded inputs (seeds 1..N) the outputs are compared on (default: ${DEFAULT-VALUE}).")
    int agreementInputs;

    @Option(names = "--tolerance", defaultValue = "1e-4", paramLabel = "ABS",
            description = "Flag a pair whose max abs output error exceeds this (default: ${DEFAULT-VALUE}; "
                    + "int8 vs float pairs need ~0.05).")
    double tolerance;

    @Option(names = "--min-top1", defaultValue = "1.0", paramLabel = "F",
            description = "Flag a pair whose top-1 agreement is below this fraction (default: ${DEFAULT-VALUE}).")
    double minTop1;

    @Option(names = "--sample-hz", paramLabel = "HZ",
            description = "Sample telemetry (temperature, power, energy per inference with its uncertainty) during each"
                    + " lane at HZ, as bench does (the lanes then run in turn, without bootstrap verdicts); 0 = off,"
                    + " interleaved rounds (default: ${DEFAULT-VALUE}).")
    double sampleHz = BenchParams.COMPARE_SAMPLE_HZ;

    @Option(names = "--profile", paramLabel = "NAME", description = "Device profile for telemetry. Default: detected.")
    String profile;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "Directory of extra/overriding profile files.")
    Path profilesDir;

    @Option(names = "--power-plug", paramLabel = "PRESET:DEVICE[@BROKER]",
            description = "Board power from a smart plug over MQTT for every lane, e.g. tasmota:plug1@tcp://host:1883.")
    String powerPlug;

    @Option(names = "--energy-accuracy", paramLabel = "PCT",
            description = "Time each lane until its energy per inference is known to PCT %% (needs --sample-hz).")
    Double energyAccuracy;
    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--match", paramLabel = "A=B|A=B1+B2",
            description = "Pair output A of one lane with output B (or B1, B2 concatenated along the first axis where "
                    + "their shapes differ) of the other; outputs are otherwise paired by name, then shape, then "
                    + "transposed layout (repeatable).")
    List<String> matches = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "DIR", description = "Check every lane against reference outputs:"
            + " DIR/inputs/ (or inputs/NAME/ per input) and DIR/outputs/NAME/ .npy files, sample k the k-th file by"
            + " name (docs/accuracy.md). Replaces --input and --agreement-inputs.")
    Path reference;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full report as JSON (- for stdout).")
    String json;

    @Option(names = "--quiet", description = "No progress lines and no table.")
    boolean quiet;

    @Mixin
    MeasureFlags measureFlags = new MeasureFlags();

    @Override
    public Integer call() throws IOException {
        if (agreementInputs < 1 || agreementInputs > 10_000) {
            throw new IllegalArgumentException("--agreement-inputs [" + agreementInputs + "] must be 1..10000");
        }
        if (!(tolerance >= 0) || !(minTop1 >= 0 && minTop1 <= 1)) {
            throw new IllegalArgumentException("--tolerance [" + tolerance + "] must be >= 0 and --min-top1 ["
                    + minTop1 + "] 0..1");
        }
        if (powerPlug != null && sampleHz == 0) {
            throw new IllegalArgumentException("--power-plug needs telemetry: add --sample-hz, e.g. --sample-hz 50");
        }
        List<Lane.Choice> choices = Lane.Choice.parseList(delegates);
        boolean edgeTpuLane = choices.stream().anyMatch(c -> c.delegate() == Delegate.EDGETPU);
        if (!edgeTpuLane && requireFullDelegation) {
            throw new IllegalArgumentException("--require-full-delegation applies to tflite:edgetpu lanes only; add "
                    + "tflite:edgetpu to --delegates");
        }
        EdgeTpuOptions edgeTpu = BenchCommand.edgeTpuOptions(edgeTpuLane, edgeTpuDevice, edgeTpuPerformance,
                EdgeTpuOptions.defaults());
        MeasureOptions measure = measureFlags.options();
        if (measure.rateHz() != null) {
            throw new IllegalArgumentException("--rate [" + measure.rateHz() + "] applies to bench only: compare "
                    + "interleaves back-to-back rounds; run edgebench bench --rate per lane");
        }
        List<Lane> lanes = Lane.sweep(Comparison.lanes(models, choices), threads);
        boolean jsonToStdout = "-".equals(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter text = jsonToStdout ? spec.commandLine().getErr() : out;
        ReferenceSet referenceSet = reference == null ? null : ReferenceSet.open(reference);
        InputPlan plan = inputOptions.plan();
        if (referenceSet != null && !plan.sources().isEmpty()) {
            throw new IllegalArgumentException("--reference [" + reference + "] brings its own inputs (its inputs/"
                    + " folder); drop --input, --input-value and --input-range, or drop --reference");
        }
        plan = referenceSet == null ? plan : new InputPlan(referenceSet.inputs().sources(), plan.scales());
        Map<Path, InputPlan> plans = LanePlans.split(plan, models);
        // a directory input gives the samples: sample k is its k-th file, the seed of the other inputs is k
        int samples = InputFiles.directorySamples(plan);
        List<Long> seeds = LongStream.rangeClosed(1, samples > 0 ? samples : agreementInputs).boxed().toList();
        HostPower host = HostPower.cli(profile, profilesDir, powerPlug, PahoPowerLinks.standalone(line -> { }));
        Comparison comparison = new Comparison(new BenchRunner(),
                p -> TelemetryFactory.forMachine(p.sampleHz(), host)).withMatches(OutputMatch.parseAll(matches));
        CompareReport report = (referenceSet == null ? comparison : comparison.withReference(referenceSet))
                .run(lanes, l -> params(l, edgeTpu).withInputs(plans.get(l.model()))
                        .withProfileOps(inputOptions.profileOps).withMeasure(measure), seeds,
                tolerance, minTop1,
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

    /** The lane's BenchParams; the Edge TPU options (and full delegation) go to tflite:edgetpu lanes only. */
    private BenchParams params(Lane lane, EdgeTpuOptions edgeTpu) {
        BenchParams d = BenchParams.defaults(lane.model());
        boolean onEdgeTpu = lane.delegate() == Delegate.EDGETPU;
        int n = lane.threads() != null ? lane.threads() : threads == null || threads.isEmpty() ? d.threads()
                : threads.get(0);
        return d.toBuilder().runtime(lane.runtime()).delegate(lane.delegate()).threads(n)
                .runs(or(runs, d.runs())).minSeconds(or(minSeconds, d.minSeconds()))
                .maxSeconds(or(maxSeconds, d.maxSeconds())).edgeTpu(onEdgeTpu ? edgeTpu : d.edgeTpu())
                .requireFullDelegation(onEdgeTpu && requireFullDelegation).sampleHz(sampleHz).energyAccuracyPct(energyAccuracy).build();
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

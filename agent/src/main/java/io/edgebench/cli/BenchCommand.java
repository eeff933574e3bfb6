package io.edgebench.cli;

import io.edgebench.worker.BenchListener;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.bench.BenchRunner;
import io.edgebench.bench.ProgressBar;
import io.edgebench.bench.ResultTable;
import io.edgebench.json.Json;
import io.edgebench.results.Delegate;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.RuntimeKind;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.telemetry.HostPower;
import io.edgebench.telemetry.TelemetryFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgebench bench MODEL}: one benchmark in a worker process, a table on the terminal, a JSON result file. */
@Command(name = "bench", sortOptions = false, defaultValueProvider = BenchDefaults.class,
        description = "Benchmark one model: load, init, first inference, warm-up, timed runs (latency percentiles, "
                + "throughput), peak RSS and delegation. The model runs in a separate worker process.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the benchmark failed (worker crashed, hung, ran out of memory) or was cancelled",
            "64:bad usage", "65:the model was rejected",
            "69:the accelerator (Edge TPU) is unavailable"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .tflite or .onnx file.")
    Path model;

    @Option(names = "--runtime", paramLabel = "tflite|onnx", description = "Default: from the model's format.")
    String runtime;

    @Option(names = "--delegate", paramLabel = "cpu|xnnpack|edgetpu",
            description = "TFLite: cpu = builtin kernels without XNNPACK, xnnpack (default), edgetpu = Coral Edge TPU "
                    + "(libedgetpu). ONNX Runtime: cpu.")
    String delegate;

    @Option(names = "--edgetpu-device", paramLabel = "usb:0|pci:0",
            description = "With --delegate edgetpu: usb, pci, usb:N, pci:N or :N (N-th device). Default: first found.")
    String edgeTpuDevice;

    @Option(names = "--edgetpu-performance", paramLabel = "max|high|medium|low",
            description = "With --delegate edgetpu: libedgetpu's clock setting. Default: max.")
    String edgeTpuPerformance;

    @Option(names = "--require-full-delegation",
            description = "Fail when any op stays on the CPU (\"CPU fallback detected: N of M ops ...\").")
    boolean requireFullDelegation;

    @Option(names = "--threads",
            description = "Intra-op threads. Default: all cores up to 4 (here ${DEFAULT-VALUE}).")
    Integer threads;

    @Option(names = "--warmup-runs", description = "Default: ${DEFAULT-VALUE}.")
    Integer warmupRuns;

    @Option(names = "--warmup-seconds", description = "Warm up at least this long. Default: ${DEFAULT-VALUE}.")
    Double warmupSeconds;

    @Option(names = "--runs", description = "Timed runs, at least. Default: ${DEFAULT-VALUE}.")
    Integer runs;

    @Option(names = "--min-seconds", description = "Time at least this long. Default: ${DEFAULT-VALUE}.")
    Double minSeconds;

    @Option(names = "--max-seconds",
            description = "Stop timing after this long whatever the count. Default: ${DEFAULT-VALUE}.")
    Double maxSeconds;

    @Option(names = "--input-shape", paramLabel = "NAME=1x3x224x224",
            description = "Concrete shape for an input with dynamic dims (repeatable).")
    List<String> inputShapes = new ArrayList<>();

    @Option(names = "--seed", description = "Seed of the random inputs. Default: ${DEFAULT-VALUE}.")
    Long seed;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--spinning", description = "ONNX Runtime: let intra-op threads spin between runs.")
    boolean spinning;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON (- for stdout).")
    String json;

    @Option(names = "--no-telemetry", description = "No temperature/power sampling.")
    boolean noTelemetry;

    @Option(names = "--sample-hz", description = "Telemetry sampling rate. Default: ${DEFAULT-VALUE}.")
    Double sampleHz;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Device profile for telemetry (sensors, thermal limits). Default: detected.")
    String profile;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "Directory of extra/overriding profile .yaml files.")
    Path profilesDir;

    @Option(names = "--power-plug", paramLabel = "PRESET:DEVICE[@BROKER]",
            description = "Read board power from a smart plug over MQTT, e.g. tasmota:plug1@tcp://broker.local:1883"
                    + " (presets: tasmota, shelly_gen1, shelly_gen2; docs/telemetry.md).")
    String powerPlug;

    @Option(names = "--energy-accuracy", paramLabel = "PCT",
            description = "Keep timing (past --runs and --min-seconds, never past --max-seconds) until energy per"
                    + " inference is known to PCT %% (95 %% uncertainty); the result says whether it was reached.")
    Double energyAccuracy;

    @Option(names = "--cooldown-to-c", paramLabel = "C",
            description = "Before the run, wait until the hottest temperature sensor is at or below C.")
    Double cooldownToC;

    @Option(names = "--cooldown-max-seconds", paramLabel = "S",
            description = "Give up the cooldown wait after S seconds (the run is then marked invalid). "
                    + "Default: ${DEFAULT-VALUE}.")
    Double cooldownMaxSeconds;

    @Option(names = "--quiet", description = "No table and no progress bar.")
    boolean quiet;

    @Mixin
    MeasureFlags measureFlags = new MeasureFlags();

    @Override
    public Integer call() throws IOException {
        BenchParams p = withCooldown(params()).withMeasure(measureFlags.options());
        boolean jsonToStdout = "-".equals(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter table = jsonToStdout ? spec.commandLine().getErr() : out;
        BenchListener listener = quiet || System.console() == null ? BenchListener.NONE : new ProgressBar(System.err);
        BenchResult result = new BenchRunner().run(p, TelemetryFactory.forMachine(p.sampleHz(), hostPower()), listener,
                () -> false);
        // A run that never loaded the model (no such file, not a model) has nothing to tabulate: its error goes to
        // stderr alone, as inspect and compare print theirs.
        boolean measured = result.ok() || result.loadUs() != null;
        if (!quiet && measured) {
            table.print(ResultTable.render(result));
            table.flush();
        }
        if (json != null) {
            String text = Json.pretty().writeValueAsString(result) + System.lineSeparator();
            if (jsonToStdout) {
                out.print(text);
                out.flush();
            } else {
                Files.writeString(Path.of(json), text);
            }
        }
        if (result.ok()) {
            return ExitCode.OK;
        }
        if (quiet || !measured) {
            spec.commandLine().getErr().println("edgebench: " + result.error());
        }
        return ErrorKind.find(result.errorKind()).map(ErrorKind::exitCode).orElse(ExitCode.FAILED);
    }

    /** Profile, extra profiles and plug from the flags; a plug is read through its own broker connection. */
    HostPower hostPower() {
        return HostPower.cli(profile, profilesDir, powerPlug, PahoPowerLinks.standalone(line -> { }));
    }

    /** The defaults of BenchParams with the given flags applied; BenchParams validates (IllegalArgument: exit 64). */
    BenchParams params() {
        BenchParams d = BenchParams.defaults(model);
        double hz = noTelemetry ? 0 : or(sampleHz, d.sampleHz());
        Delegate chosen = delegate == null ? null : Delegate.parse(delegate);
        EdgeTpuOptions edgeTpu = edgeTpuOptions(chosen == Delegate.EDGETPU, edgeTpuDevice, edgeTpuPerformance,
                d.edgeTpu());
        return d.toBuilder().runtime(runtime == null ? null : RuntimeKind.parse(runtime)).delegate(chosen)
                .threads(or(threads, d.threads())).warmupRuns(or(warmupRuns, d.warmupRuns()))
                .warmupSeconds(or(warmupSeconds, d.warmupSeconds())).runs(or(runs, d.runs()))
                .minSeconds(or(minSeconds, d.minSeconds())).maxSeconds(or(maxSeconds, d.maxSeconds()))
                .inputShapes(shapes(inputShapes)).seed(or(seed, d.seed())).onnxSpinning(spinning).edgeTpu(edgeTpu)
                .requireFullDelegation(requireFullDelegation).sampleHz(hz).energyAccuracyPct(energyAccuracy)
                .inputs(inputOptions.plan()).profileOps(inputOptions.profileOps).build();
    }

    /**
     * The --edgetpu-* flags on top of {@code defaults}, validated; they are an error unless an edgetpu delegate is
     * chosen (a flag that silently does nothing hides a typo in --delegate).
     */
    static EdgeTpuOptions edgeTpuOptions(boolean edgeTpuChosen, String device, String performance,
            EdgeTpuOptions defaults) {
        if (!edgeTpuChosen && (device != null || performance != null)) {
            String flag = device != null ? "--edgetpu-device [" + device + "]"
                    : "--edgetpu-performance [" + performance + "]";
            throw new IllegalArgumentException(flag + " applies to the Edge TPU only; add --delegate edgetpu "
                    + "(compare: a tflite:edgetpu item in --delegates)");
        }
        return new EdgeTpuOptions(EdgeTpuOptions.checkDevice("--edgetpu-device", device),
                performance == null ? defaults.performance()
                        : EdgeTpuOptions.checkPerformance("--edgetpu-performance", performance),
                defaults.usbAlwaysDfu(), defaults.usbMaxBulkInQueueLength());
    }

    /** Parses NAME=1x3x224x224; the name may itself contain '=' or ':' (ONNX names like "input:0"). */
    static Map<String, List<Long>> shapes(List<String> specs) {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("--input-shape [" + s + "] must look like NAME=1x3x224x224");
            }
            List<Long> dims = new ArrayList<>();
            for (String d : s.substring(eq + 1).split("[x,]")) {
                try {
                    long v = Long.parseLong(d.trim());
                    if (v < 1) {
                        throw new NumberFormatException();
                    }
                    dims.add(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--input-shape [" + s + "]: dim [" + d
                            + "] must be a positive integer, e.g. x=1x3x224x224");
                }
            }
            shapes.put(s.substring(0, eq), dims);
        }
        return shapes;
    }

    /** {@code p} with the --cooldown-* flags applied (kept apart from params() so Edge TPU flags merge cleanly). */
    BenchParams withCooldown(BenchParams p) {
        if (cooldownToC == null && cooldownMaxSeconds == null) {
            return p;
        }
        return p.toBuilder().cooldownToC(or(cooldownToC, p.cooldownToC()))
                .cooldownMaxSeconds(or(cooldownMaxSeconds, p.cooldownMaxSeconds())).build();
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

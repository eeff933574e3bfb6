package io.edgebench.cli;

import io.edgebench.worker.BenchListener;
import io.edgebench.protocol.BenchParams;
import io.edgebench.protocol.BenchResult;
import io.edgebench.bench.BenchRunner;
import io.edgebench.bench.ProgressBar;
import io.edgebench.bench.ResultTable;
import io.edgebench.json.Json;
import io.edgebench.protocol.Delegate;
import io.edgebench.protocol.EdgeTpuOptions;
import io.edgebench.protocol.RuntimeKind;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgebench bench MODEL}: one benchmark in a worker process, a table on the terminal, a JSON result file. */
@Command(name = "bench", sortOptions = false,
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

    @Option(names = "--threads", description = "Intra-op threads. Default: all cores up to 4.")
    Integer threads;

    @Option(names = "--warmup-runs", description = "Default: 5.")
    Integer warmupRuns;

    @Option(names = "--warmup-seconds", description = "Warm up at least this long. Default: 0.5.")
    Double warmupSeconds;

    @Option(names = "--runs", description = "Timed runs, at least. Default: 50.")
    Integer runs;

    @Option(names = "--min-seconds", description = "Time at least this long. Default: 1.")
    Double minSeconds;

    @Option(names = "--max-seconds", description = "Stop timing after this long whatever the count. Default: 150.")
    Double maxSeconds;

    @Option(names = "--input-shape", paramLabel = "NAME=1x3x224x224",
            description = "Concrete shape for an input with dynamic dims (repeatable).")
    List<String> inputShapes = new ArrayList<>();

    @Option(names = "--seed", description = "Seed of the random inputs. Default: 1.")
    Long seed;

    @Option(names = "--spinning", description = "ONNX Runtime: let intra-op threads spin between runs.")
    boolean spinning;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON (- for stdout).")
    String json;

    @Option(names = "--no-telemetry", description = "No temperature/power sampling.")
    boolean noTelemetry;

    @Option(names = "--sample-hz", description = "Telemetry sampling rate. Default: 50.")
    Double sampleHz;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Device profile for telemetry (sensors, thermal limits). Default: detected.")
    String profile;

    @Option(names = "--cooldown-to-c", paramLabel = "C",
            description = "Before the run, wait until the hottest temperature sensor is at or below C.")
    Double cooldownToC;

    @Option(names = "--cooldown-max-seconds", paramLabel = "S",
            description = "Give up the cooldown wait after S seconds (the run is then marked invalid). Default: 300.")
    Double cooldownMaxSeconds;

    @Option(names = "--quiet", description = "No table and no progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        BenchParams p = withCooldown(params());
        boolean jsonToStdout = "-".equals(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter table = jsonToStdout ? spec.commandLine().getErr() : out;
        BenchListener listener = quiet || System.console() == null ? BenchListener.NONE : new ProgressBar(System.err);
        BenchResult result = new BenchRunner().run(p, TelemetryFactory.forHost(p.sampleHz(), profile), listener, () -> false);
        if (!quiet) {
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
        if (quiet) {
            spec.commandLine().getErr().println("edgebench: " + result.error());
        }
        return switch (result.errorKind() == null ? "" : result.errorKind()) {
            case "model" -> ExitCode.DATA_ERR;
            case "unavailable" -> ExitCode.UNAVAILABLE;
            default -> ExitCode.FAILED;
        };
    }

    /** The defaults of BenchParams with the given flags applied; BenchParams validates (IllegalArgument: exit 64). */
    BenchParams params() {
        BenchParams d = BenchParams.defaults(model);
        double hz = noTelemetry ? 0 : or(sampleHz, d.sampleHz());
        Delegate chosen = delegate == null ? null : Delegate.parse(delegate);
        EdgeTpuOptions edgeTpu = edgeTpuOptions(chosen == Delegate.EDGETPU, edgeTpuDevice, edgeTpuPerformance,
                d.edgeTpu());
        return new BenchParams(model, runtime == null ? null : RuntimeKind.parse(runtime), chosen,
                or(threads, d.threads()),
                or(warmupRuns, d.warmupRuns()), or(warmupSeconds, d.warmupSeconds()), or(runs, d.runs()),
                or(minSeconds, d.minSeconds()), or(maxSeconds, d.maxSeconds()), shapes(inputShapes),
                or(seed, d.seed()), spinning, edgeTpu, requireFullDelegation, hz, d.cooldownToC(),
                d.cooldownMaxSeconds());
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
        return new BenchParams(p.model(), p.runtime(), p.delegate(), p.threads(), p.warmupRuns(), p.warmupSeconds(),
                p.runs(), p.minSeconds(), p.maxSeconds(), p.inputShapes(), p.seed(), p.onnxSpinning(), p.edgeTpu(),
                p.requireFullDelegation(), p.sampleHz(), or(cooldownToC, p.cooldownToC()),
                or(cooldownMaxSeconds, p.cooldownMaxSeconds()));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

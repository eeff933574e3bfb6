package io.edgebench.cli;

import io.edgebench.bench.BenchRunner;
import io.edgebench.bench.ProgressBar;
import io.edgebench.bench.ResultTable;
import io.edgebench.compare.Comparison;
import io.edgebench.compare.OutputsWriter;
import io.edgebench.json.Json;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchRequest;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.LaneOptions;
import io.edgebench.results.RequestSchema;
import io.edgebench.telemetry.HostPower;
import io.edgebench.telemetry.TelemetryFactory;
import io.edgebench.worker.BenchListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgebench bench MODEL}: one benchmark in a worker process, a table on the terminal, a JSON result file. */
@Command(
        name = "bench",
        sortOptions = false,
        description = "Benchmark one model: load, init, first inference, warm-up, timed runs (latency percentiles, "
                + "throughput), peak RSS and delegation. The model runs in a separate worker process.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:the benchmark failed (worker crashed, hung, ran out of memory) or was cancelled",
            "64:bad usage",
            "65:the model was rejected",
            "69:the accelerator (Edge TPU) is unavailable"
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RequestOptions<BenchRequest> request = new RequestOptions<>(BenchRequest.class);

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON (- for stdout).")
    String json;

    @Option(names = "--no-telemetry", description = "No temperature/power sampling (--sample-hz 0).")
    boolean noTelemetry;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Device profile for telemetry (sensors, thermal limits). Default: detected.")
    String profile;

    @Option(
            names = "--profiles-dir",
            paramLabel = "DIR",
            description = "Directory of extra/overriding profile .yaml files.")
    Path profilesDir;

    @Option(
            names = "--power-plug",
            paramLabel = "PRESET:DEVICE[@BROKER]",
            description = "Read board power from a smart plug over MQTT, e.g. tasmota:plug1@tcp://broker.local:1883"
                    + " (presets: tasmota, shelly_gen1, shelly_gen2; docs/telemetry.md).")
    String powerPlug;

    @Option(
            names = "--save-outputs",
            paramLabel = "DIR",
            description = "After timing, run the timed input once more in a new worker and write its outputs to DIR"
                    + " (new or empty): DIR/LANE/OUTPUT/00001.npy, float32, quantized outputs dequantized, and"
                    + " DIR/index.json naming the input (docs/bench.md).")
    Path saveOutputs;

    @Option(names = "--quiet", description = "No table and no progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        BenchParams p = params();
        if (saveOutputs != null) {
            OutputsWriter.check(saveOutputs); // before timing, not after it
        }
        boolean jsonToStdout = "-".equals(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter table = jsonToStdout ? spec.commandLine().getErr() : out;
        BenchListener listener = quiet || System.console() == null ? BenchListener.NONE : new ProgressBar(System.err);
        BenchResult result =
                new BenchRunner().run(p, TelemetryFactory.forMachine(p.sampleHz(), hostPower()), listener, () -> false);
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
            return saveOutputs == null ? ExitCode.OK : saveOutputs(p, result);
        }
        if (quiet || !measured) {
            spec.commandLine().getErr().println("edgebench: " + result.error());
        }
        return ErrorKind.find(result.errorKind()).map(ErrorKind::exitCode).orElse(ExitCode.FAILED);
    }

    /**
     * --save-outputs: the input the run was timed with (seed --seed: its random values, or the --seed-th file of an
     * input directory) through a new worker's outputs pass; the timed run's worker reports no outputs.
     */
    private int saveOutputs(BenchParams p, BenchResult result) {
        BenchRunner.Outputs o =
                new BenchRunner().outputs(p, List.of(p.seed()), Comparison.MAX_OUTPUT_VALUES, () -> false);
        if (o.report() == null) {
            spec.commandLine()
                    .getErr()
                    .println("edgebench: --save-outputs [" + saveOutputs + "]: the benchmark ran, but its outputs"
                            + " pass failed: " + o.failure().message()
                            + "; the timing above stands, nothing was saved");
            return o.failure().kind() == null
                    ? ExitCode.FAILED
                    : o.failure().kind().exitCode();
        }
        String label = p.model().getFileName() + " " + result.runtime().id() + ":"
                + result.delegate().id();
        OutputsWriter.write(saveOutputs, label, List.of(o.report()));
        return ExitCode.OK;
    }

    /** Profile, extra profiles and plug from the flags; a plug is read through its own broker connection. */
    HostPower hostPower() {
        return HostPower.cli(profile, profilesDir, powerPlug, PahoPowerLinks.standalone(line -> {}));
    }

    /** The request the flags give, as BenchParams; the schema and BenchParams validate (IllegalArgument: exit 64). */
    BenchParams params() {
        if (noTelemetry) {
            request.set("--sample-hz", "0");
        }
        BenchRequest r = request.request();
        BenchParams p = r.params(Path.of(r.model()), RequestSchema.Voice.CLI);
        requireEdgeTpu(p.delegate() == Delegate.EDGETPU, r.lane());
        return p;
    }

    /**
     * The --edgetpu-* flags are an error unless an edgetpu delegate is chosen (a flag that silently does nothing
     * hides a typo in --delegate).
     */
    static void requireEdgeTpu(boolean edgeTpuChosen, LaneOptions lane) {
        if (!edgeTpuChosen && (lane.edgetpuDevice() != null || lane.edgetpuPerformance() != null)) {
            String flag = lane.edgetpuDevice() != null
                    ? "--edgetpu-device [" + lane.edgetpuDevice() + "]"
                    : "--edgetpu-performance [" + lane.edgetpuPerformance() + "]";
            throw new IllegalArgumentException(flag + " applies to the Edge TPU only; add --delegate edgetpu "
                    + "(compare: a tflite:edgetpu item in --delegates)");
        }
    }
}

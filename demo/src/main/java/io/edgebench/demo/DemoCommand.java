package io.edgebench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.cli.ExitCode;
import io.edgebench.cli.RemoteResults;
import io.edgebench.cli.SubcommandProvider;
import io.edgebench.cli.VersionProvider;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.wire.JobStatus;
import io.edgebench.wire.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `edgebench demo`: an embedded MQTT 5 broker, an agent and a controller in one process; forges the default model
 * pair and prints the TFLite vs ONNX Runtime comparison that came back over MQTT (docs/demo.md).
 */
@Command(
        name = "demo",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Run everything in one process: an embedded MQTT 5 broker on 127.0.0.1, an agent and a "
                    + "controller. Forges a tiny TFLite/ONNX model pair with identical weights, benchmarks it over MQTT "
                    + "and prints TFLite and ONNX Runtime side by side. Needs no board, broker or download."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:a benchmark failed",
            "69:the embedded broker is not in this jar or could not start",
            "70:internal error"
        })
public final class DemoCommand implements Callable<Integer> {
    /** Registers `demo` under `edgebench` in the demo jar (META-INF/services). */
    public static final class Provider implements SubcommandProvider {
        @Override
        public Object subcommand() {
            return new DemoCommand();
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "200",
            description = "timed inferences per runtime; default ${DEFAULT-VALUE}")
    int runs;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "0",
            description = "broker port on 127.0.0.1; 0 (default) picks a free one")
    int port;

    @Option(names = "--keep", description = "keep the forged models and the agent's data dir (the path is printed)")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1 || runs > 100_000) {
            throw new IllegalArgumentException("--runs [" + runs + "] must be 1..100000");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port [" + port + "] must be 0 (a free port) or 1..65535");
        }
        Optional<LocalBroker> broker = LocalBroker.find();
        if (broker.isEmpty()) {
            err.println("edgebench: the demo needs the embedded MQTT broker, which ships in the edgebench-demo jar, "
                    + "not in this agent jar (boards connect to a real broker). From a source checkout run "
                    + "./edgebench demo, or: java -jar demo/target/edgebench-demo-" + VersionProvider.version()
                    + ".jar demo");
            return ExitCode.UNAVAILABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            String status = new DemoRun(broker.get(), runs, port, keep, err).run(outcome -> show(out, outcome));
            return JobStatus.lenient(status) == JobStatus.OK ? ExitCode.OK : ExitCode.FAILED;
        } catch (UnavailableException e) {
            err.println("edgebench: " + e.getMessage());
            return ExitCode.UNAVAILABLE;
        }
    }

    private static void show(PrintWriter out, DemoRun.Outcome outcome) {
        List<JsonNode> messages = outcome.resultMessages();
        out.println();
        out.println("TFLite vs ONNX Runtime on device [" + DemoRun.DEVICE_ID + "], results received over MQTT from "
                + outcome.brokerUrl() + ":");
        for (JsonNode m : messages) {
            out.println("  " + Topics.result(DemoRun.DEVICE_ID, m.path("job_id").asText()) + "  ("
                    + m.path("verb").asText() + ", status " + m.path("status").asText() + ")");
        }
        out.println();
        out.print(RemoteResults.renderAll(messages));
        for (JsonNode m : messages) {
            if (m.hasNonNull("error")) {
                out.println("job " + m.path("job_id").asText() + ": "
                        + m.get("error").asText());
            }
        }
        out.println(DemoSensors.line());
        if (outcome.workDir() != null) {
            out.println("kept: " + outcome.workDir() + " (models/ and the agent's data/)");
        }
        out.println();
        out.flush();
    }
}

package io.edgebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the edgebench jar; the only place that calls System.exit. */
@Command(
        name = "edgebench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "TensorFlow Lite vs ONNX Runtime on embedded Linux boards: latency, temperature, power, energy.",
        subcommands = {
            InspectCommand.class,
            BenchCommand.class,
            CompareCommand.class,
            ForgeCommand.class,
            SensorsCommand.class,
            DoctorCommand.class,
            AgentCommand.class,
            SendCommand.class,
            DemoCommand.class,
            WorkerCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(ErrorReporting::exitCodeFor);
        cl.setExecutionExceptionHandler(ErrorReporting::handle);
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        return cl;
    }
}

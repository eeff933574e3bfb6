package io.edgebench.cli;

import java.util.ServiceLoader;
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
            CollectCommand.class,
            ReportCommand.class,
            FleetCommand.class,
            HomeAssistantCommand.class,
            WorkerCommand.class,
            CdsCommand.class,
            CalibrateCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        // The worker skips picocli: building the model of every subcommand costs a worker start 0.1-0.2 s here
        // (issue 16), and the worker takes no options.
        if (args.length == 1 && "worker".equals(args[0])) {
            System.exit(WorkerCommand.serveStdin());
        }
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        // picocli's writers flush on println only: a table written with print() is lost at System.exit without this.
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Jars built on top of the agent's (the demo jar) add their verbs here; the board jar has none.
        for (SubcommandProvider p : ServiceLoader.load(SubcommandProvider.class)) {
            cl.addSubcommand(p.subcommand());
        }
        if (!cl.getSubcommands().containsKey("demo")) {
            cl.addSubcommand(new DemoNotInThisJar());
        }
        cl.addSubcommand(new CommandLine.HelpCommand());
        withHelpOptions(cl);
        cl.setExitCodeExceptionMapper(ErrorReporting::exitCodeFor);
        cl.setExecutionExceptionHandler(ErrorReporting::handle);
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        return cl;
    }

    /**
     * Gives every verb and sub-verb -h/--help (and -V/--version), so that `bench --help` prints help instead of
     * "Missing required parameter"; one place instead of an attribute each command can forget.
     */
    private static void withHelpOptions(CommandLine cl) {
        boolean hasHelp = cl.getCommandSpec().optionsMap().containsKey("--help");
        if (!hasHelp && !(cl.getCommand() instanceof CommandLine.HelpCommand)) {
            cl.getCommandSpec().mixinStandardHelpOptions(true);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            withHelpOptions(sub);
        }
    }
}

package io.edgebench.cli;

import io.edgebench.config.AgentConfigLoader;
import io.edgebench.config.SystemRoots;
import io.edgebench.doctor.Board;
import io.edgebench.doctor.Check;
import io.edgebench.doctor.Doctor;
import io.edgebench.json.Json;
import io.edgebench.telemetry.RecordedCommands;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgebench doctor}: is this board ready for edgebench, and if not, what to do. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description =
                "Check this board: OS, glibc, 64-bit, Java, natives, libedgetpu, Edge TPU/I2C/vcio access,"
                        + " thermal zones, the configured broker (with TLS) and the clock. Exit 69 when something needed is missing.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Agent config file (default ${DEFAULT-VALUE}).")
    Path config = AgentConfigLoader.DEFAULT_FILE;

    @Option(
            names = "--user",
            description =
                    "The account the agent runs as (default: edgebench if it exists, else" + " the current user).")
    String user;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(
            names = "--natives",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Load this jar's natives in a child JVM (default: ${DEFAULT-VALUE}).")
    boolean natives;

    @Option(
            names = "--broker",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Connect to the configured broker (default: ${DEFAULT-VALUE}).")
    boolean broker;

    @Option(
            names = "--etc-root",
            defaultValue = "/etc",
            description = "Where os-release, passwd and group are" + " (default: ${DEFAULT-VALUE}).")
    Path etcRoot;

    @Option(names = "--sysfs-root", defaultValue = "/sys", description = "sysfs root (default: ${DEFAULT-VALUE}).")
    Path sysfsRoot;

    @Option(names = "--procfs-root", defaultValue = "/proc", description = "procfs root (default: ${DEFAULT-VALUE}).")
    Path procfsRoot;

    @Option(names = "--devfs-root", defaultValue = "/dev", description = "devfs root (default: ${DEFAULT-VALUE}).")
    Path devfsRoot;

    @Option(names = "--commands-dir", hidden = true, description = "Answer getconf from recorded outputs here.")
    Path commandsDir;

    @Option(names = "--natives-probe", hidden = true, description = "Internal: the child side of the natives check.")
    boolean nativesProbe;

    @Override
    public Integer call() throws Exception {
        if (nativesProbe) {
            return Doctor.nativesProbe(System.out);
        }
        Board board = Board.host(config, user != null ? user : defaultUser())
                .withRoots(etcRoot, new SystemRoots(sysfsRoot, procfsRoot, devfsRoot));
        if (commandsDir != null) {
            board = board.withCommands(new RecordedCommands(commandsDir));
        }
        List<Check> checks = Doctor.run(board, new Doctor.Scope(natives, broker));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty().writeValueAsString(checks));
        } else {
            print(out, checks);
        }
        out.flush();
        return Doctor.passed(checks) ? ExitCode.OK : ExitCode.UNAVAILABLE;
    }

    private String defaultUser() {
        try {
            boolean service =
                    Files.readAllLines(etcRoot.resolve("passwd")).stream().anyMatch(l -> l.startsWith("edgebench:"));
            return service ? "edgebench" : System.getProperty("user.name");
        } catch (java.io.IOException e) {
            return System.getProperty("user.name");
        }
    }

    static void print(PrintWriter out, List<Check> checks) {
        for (Check c : checks) {
            String mark = switch (c.status()) {
                case OK -> "ok  ";
                case WARN -> "warn";
                case FAIL -> "FAIL";
            };
            out.printf("%s  %-16s %s%n", mark, c.name(), c.detail());
            if (!c.fix().isEmpty()) {
                out.printf("      %-16s fix: %s%n", "", c.fix());
            }
        }
        long failed =
                checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        long warned =
                checks.stream().filter(c -> c.status() == Check.Status.WARN).count();
        out.println(
                failed == 0
                        ? "doctor: ready (" + warned + " warnings)"
                        : "doctor: NOT ready: " + failed + " needed thing(s) missing, " + warned + " warnings");
    }
}

package io.edgebench.cli;

import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.fleet.FleetStatus;
import io.edgebench.json.Json;
import io.edgebench.resultstore.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `edgebench fleet`: views over every agent on a broker. */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        description = "Views over every agent on a broker.",
        subcommands = FleetCommand.Status.class)
public final class FleetCommand {

    /** `edgebench fleet status`: every agent from its retained status. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Every agent from its retained status: online, busy or offline, profile, accelerators,"
                        + " queue and when it last reported.",
                "  fleet status --broker tcp://b:1883"
            },
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:at least one agent", "69:broker unreachable, or no agent has a status there"})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker;

        @Option(
                names = "--wait",
                paramLabel = "S",
                defaultValue = "2",
                description = "seconds to collect retained statuses; default ${DEFAULT-VALUE}")
        double waitS;

        @Option(names = "--json", description = "print the statuses as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (!(waitS > 0 && waitS <= 600)) {
                throw new IllegalArgumentException("--wait [" + waitS + "] must be 0 < S <= 600 seconds");
            }
            Duration wait = Duration.ofMillis((long) (waitS * 1000));
            try (Controller c =
                    Controller.connect(broker.link(Controller.newClientId()).build(), Duration.ofSeconds(10))) {
                List<AgentStatus> agents = FleetStatus.read(c, wait);
                if (agents.isEmpty()) {
                    spec.commandLine()
                            .getErr()
                            .println("edgebench: no agent has a retained status on " + c.brokerUrl()
                                    + " (topic edgebench/+/status); are agents connected to this broker?");
                    return ExitCode.UNAVAILABLE;
                }
                if (json) {
                    var array = Json.mapper().createArrayNode();
                    for (AgentStatus a : agents) {
                        array.add(Json.mapper().readTree(a.json()));
                    }
                    spec.commandLine().getOut().println(Json.pretty().writeValueAsString(array));
                } else {
                    FleetStatus.write(agents, Instant.now(), spec.commandLine().getOut());
                }
                spec.commandLine().getOut().flush(); // print() does not flush, and Main exits right after
                return ExitCode.OK;
            } catch (UnavailableException e) {
                spec.commandLine().getErr().println("edgebench: " + e.getMessage());
                return ExitCode.UNAVAILABLE;
            }
        }
    }
}

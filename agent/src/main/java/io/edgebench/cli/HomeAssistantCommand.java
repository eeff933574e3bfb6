package io.edgebench.cli;

import io.edgebench.homeassistant.HaTopics;
import io.edgebench.homeassistant.HomeAssistantBridge;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.BrokerSession;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `edgebench homeassistant`: Home Assistant discovery housekeeping (docs/homeassistant.md). */
@Command(
        name = "homeassistant",
        mixinStandardHelpOptions = true,
        description = "Home Assistant MQTT discovery housekeeping.",
        subcommands = HomeAssistantCommand.Remove.class)
public final class HomeAssistantCommand {

    /** Publishes the empty retained config that removes an agent's device from Home Assistant. */
    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Remove an agent's device from Home Assistant: publish an empty retained discovery config"
                        + " (run it when uninstalling the agent; stop the agent first or it announces itself again).",
                "  homeassistant remove --broker tcp://b:1883 --device pi5-lab"
            },
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:removed", "69:broker unreachable"})
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker;

        @Option(names = "--device", required = true, paramLabel = "ID", description = "the agent's device_id")
        String device;

        @Override
        public Integer call() throws Exception {
            Topics.checkDeviceId(device);
            LinkSettings s = broker.link("edgebench-ha-remove-" + device).build();
            try (BrokerSession session = PahoBrokerLink.session(
                    s,
                    new BrokerLink.Listener() {
                        @Override
                        public void onConnected() {}

                        @Override
                        public void onMessage(BrokerLink.Inbound message) {}
                    },
                    Duration.ofSeconds(10))) {
                session.publish(HomeAssistantBridge.removal(device)).get(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                spec.commandLine()
                        .getErr()
                        .println("edgebench: broker [" + s.brokerUrl() + "] is unreachable: " + e.getMessage()
                                + "; nothing removed");
                return ExitCode.UNAVAILABLE;
            }
            spec.commandLine().getOut().println("removed: empty retained config on " + HaTopics.config(device));
            return ExitCode.OK;
        }
    }
}

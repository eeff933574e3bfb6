package io.edgebench.cli;

import io.edgebench.homeassistant.HaTopics;
import io.edgebench.homeassistant.HomeAssistantBridge;
import io.edgebench.link.Backoff;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.wire.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `edgebench homeassistant`: Home Assistant discovery housekeeping (docs/homeassistant.md). */
@Command(name = "homeassistant", mixinStandardHelpOptions = true,
        description = "Home Assistant MQTT discovery housekeeping.", subcommands = HomeAssistantCommand.Remove.class)
public final class HomeAssistantCommand {

    /** Publishes the empty retained config that removes an agent's device from Home Assistant. */
    @Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Remove an agent's device from Home Assistant: publish an empty retained discovery config"
                    + " (run it when uninstalling the agent; stop the agent first or it announces itself again).",
                "  homeassistant remove --broker tcp://b:1883 --device pi5-lab"},
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:removed", "69:broker unreachable"})
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--broker", required = true, paramLabel = "URL", description = "tcp://host:1883 or ssl://host:8883")
        String broker;

        @Option(names = "--device", required = true, paramLabel = "ID", description = "the agent's device_id")
        String device;

        @Option(names = "--username", paramLabel = "NAME",
                description = "broker user; the password comes from $EDGEBENCH_MQTT_PASSWORD")
        String username;

        @Override
        public Integer call() throws Exception {
            Topics.checkDeviceId(device);
            LinkSettings s = LinkSettings.builder(broker, "edgebench-ha-remove-" + device)
                    .credentials(username, System.getenv("EDGEBENCH_MQTT_PASSWORD"))
                    .backoff(new Backoff(500, 2000, Math::random)).build();
            CountDownLatch connected = new CountDownLatch(1);
            try (PahoBrokerLink link = new PahoBrokerLink(s, line -> { })) {
                link.start(List.of(), new BrokerLink.Listener() {
                    @Override
                    public void onConnected() {
                        connected.countDown();
                    }

                    @Override
                    public void onMessage(BrokerLink.Inbound message) {}
                });
                if (!connected.await(10, TimeUnit.SECONDS)) {
                    spec.commandLine().getErr().println("edgebench: broker [" + broker + "] unreachable for 10 s;"
                            + " nothing removed");
                    return ExitCode.UNAVAILABLE;
                }
                link.publish(HomeAssistantBridge.removal(device)).get(10, TimeUnit.SECONDS);
            }
            spec.commandLine().getOut().println("removed: empty retained config on " + HaTopics.config(device));
            return ExitCode.OK;
        }
    }
}

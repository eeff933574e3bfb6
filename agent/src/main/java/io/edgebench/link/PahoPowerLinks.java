package io.edgebench.link;

import io.edgebench.config.MqttPowerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link PowerLinks} over {@link PahoBrokerLink}: one connection per plug and run, with its own client id (so it never
 * takes over the agent's session). Credentials and TLS files come from the plug's spec, else from {@code defaults}
 * (the agent's own, when the plug publishes to the agent's broker).
 *
 * @param defaults broker settings used when the spec names none (username, password, TLS files); may be null
 */
public record PahoPowerLinks(LinkSettings defaults, Consumer<String> log) implements PowerLinks {

    /** Links from the spec alone (edgebench bench/sensors: no agent config). */
    public static PahoPowerLinks standalone(Consumer<String> log) {
        return new PahoPowerLinks(null, log);
    }

    @Override
    public BrokerLink open(MqttPowerSpec spec) throws IOException {
        String url = spec.brokerUrl() != null ? spec.brokerUrl() : defaults != null ? defaults.brokerUrl() : null;
        if (url == null) {
            return PowerLinks.NONE.open(spec);
        }
        // the agent's credentials and TLS files go only to the agent's own broker, never to a plug's other broker
        boolean agentBroker = defaults != null && url.equals(defaults.brokerUrl());
        String username = spec.username() != null || !agentBroker ? spec.username() : defaults.username();
        String password = spec.passwordFile() != null
                ? BrokerPassword.read(Path.of(spec.passwordFile()), "mqtt_power.password_file", Map.of())
                : agentBroker ? defaults.password() : null;
        Path ca = agentBroker ? defaults.caFile() : null;
        Path cert = agentBroker ? defaults.certFile() : null;
        Path key = agentBroker ? defaults.keyFile() : null;
        // no last will: a plug's link publishes nothing of its own
        LinkSettings s = LinkSettings.builder(
                        url, "edgebench-power-" + UUID.randomUUID().toString().substring(0, 8))
                .credentials(username, password)
                .tls(ca, cert, key)
                .build();
        return new PahoBrokerLink(s, log);
    }
}

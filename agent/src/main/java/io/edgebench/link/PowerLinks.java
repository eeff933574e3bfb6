package io.edgebench.link;

import io.edgebench.config.MqttPowerSpec;
import java.io.IOException;

/**
 * Opens the broker connection a plug's topics are read through (not started yet). The daemon and the CLI pass the
 * Paho-backed one; tests may pass any {@link BrokerLink}. Telemetry stays free of the MQTT client library.
 */
@FunctionalInterface
public interface PowerLinks {
    BrokerLink open(MqttPowerSpec spec) throws IOException;

    /** For machines without a broker: every plug is absent, with why. */
    PowerLinks NONE = spec -> {
        throw new IOException("no broker to read it from: set mqtt_power.broker_url, or run it under `edgebench"
                + " agent` (the agent's broker is used)");
    };
}

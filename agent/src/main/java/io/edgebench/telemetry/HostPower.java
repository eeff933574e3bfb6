package io.edgebench.telemetry;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.MqttPowerSpec;
import io.edgebench.config.ProfileDetector;
import io.edgebench.config.SystemRoots;
import io.edgebench.link.PowerLinks;
import java.nio.file.Path;

/**
 * Which profile describes this machine, and where a plug's readings come from: the profile named (null: detected)
 * among the built-ins and {@code profilesDir}, a plug that replaces the profile's own ({@code --power-plug}, the agent
 * config's {@code mqtt_power}), the broker a plug without its own broker_url is read from, and the links to reach it.
 */
public record HostPower(
        String profileName, Path profilesDir, MqttPowerSpec plug, String defaultBrokerUrl, PowerLinks links) {

    public HostPower {
        links = links == null ? PowerLinks.NONE : links;
    }

    public static HostPower none(String profileName) {
        return cli(profileName, null, null, PowerLinks.NONE);
    }

    /**
     * For the command line: --profile, --profiles-dir and --power-plug PRESET:DEVICE[@BROKER_URL] (null: none); a
     * plug needs its own broker_url there, there is no agent's broker to fall back on.
     */
    public static HostPower cli(String profileName, Path profilesDir, String powerPlug, PowerLinks links) {
        MqttPowerSpec plug = powerPlug == null ? null : MqttPowerSpec.parseShort(powerPlug);
        return new HostPower(profileName, profilesDir, plug, null, links);
    }

    /** The resolved profile, with the plug applied and its broker filled in. */
    public DeviceProfile profile() {
        DeviceProfile p = ProfileDetector.resolve(profileName, profilesDir, SystemRoots.host())
                .profile();
        MqttPowerSpec spec = plug != null ? plug : p.mqttPower();
        if (spec != null && defaultBrokerUrl != null) {
            spec = spec.withBrokerUrl(defaultBrokerUrl);
        }
        return spec == null ? p : p.withMqttPower(spec);
    }
}

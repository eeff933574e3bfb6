package io.edgebench.config;

import java.util.Locale;
import java.util.Set;

/**
 * A power source that publishes over MQTT (a smart plug, or anything that prints watts on a topic), as declared in a
 * device profile's or the agent config's {@code mqtt_power:} section. A preset fills in topics and JSON pointers for
 * a known firmware; {@code generic} takes them from the fields below.
 *
 * @param preset tasmota, shelly_gen1, shelly_gen2 or generic
 * @param device the plug's own name in its topics: Tasmota's %topic%, the Shelly device id
 * @param topic generic: the topic to subscribe to; presets: overrides the preset's topic
 * @param powerPointer generic: JSON pointer to the power value (e.g. /ENERGY/Power); null or "": the payload is a number
 * @param powerUnit W, mW or kW (default W)
 * @param scale multiplies the power after unit conversion (default 1), e.g. for a plug known to read 3 % high: 0.97
 * @param energyTopic optional topic of an energy counter (default: the power topic)
 * @param energyPointer JSON pointer to a cumulative energy counter; null: none
 * @param energyUnit mJ, J, Wmin, Wh or kWh
 * @param timePointer JSON pointer to the plug's own timestamp; null: the arrival time is used
 * @param timeFormat epoch_s, epoch_ms or iso_local (Tasmota's "Time", local time without zone)
 * @param brokerUrl the broker the plug publishes to; null: the agent's broker
 * @param maxAgeS a reading this much older than expected, or a silence this long, means no data (default 5 s;
 *     change-driven sources such as Shelly Gen2 default to 70 s)
 * @param baselineS length of the idle baseline when this source measures power (default 10 s: at 1 Hz a 1 s
 *     baseline holds one reading)
 * @param resolutionW the smallest power step the source reports; null: inferred from the decimals it prints
 */
public record MqttPowerSpec(
        String preset,
        String device,
        String topic,
        String powerPointer,
        String powerUnit,
        Double scale,
        String energyTopic,
        String energyPointer,
        String energyUnit,
        String timePointer,
        String timeFormat,
        String brokerUrl,
        String username,
        String passwordFile,
        Double maxAgeS,
        Double baselineS,
        Double resolutionW,
        String name) {

    public static final Set<String> PRESETS = Set.of("tasmota", "shelly_gen1", "shelly_gen2", "generic");
    public static final Set<String> POWER_UNITS = Set.of("W", "mW", "kW");
    public static final Set<String> ENERGY_UNITS = Set.of("mJ", "J", "Wmin", "Wh", "kWh");
    public static final Set<String> TIME_FORMATS = Set.of("epoch_s", "epoch_ms", "iso_local");

    public MqttPowerSpec {
        preset = preset == null ? "generic" : preset.toLowerCase(Locale.ROOT);
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException(
                    "mqtt_power.preset [" + preset + "] must be one of " + sorted(PRESETS) + ", e.g. tasmota");
        }
        if (!preset.equals("generic") && blank(device) && blank(topic)) {
            throw new IllegalArgumentException("mqtt_power.device must name the plug for preset [" + preset
                    + "], e.g. device: " + example(preset));
        }
        if (preset.equals("generic") && blank(topic)) {
            throw new IllegalArgumentException(
                    "mqtt_power.topic must be set for preset [generic], e.g." + " topic: lab/plug1/power");
        }
        for (String t : new String[] {topic, energyTopic}) {
            if (t != null && (t.contains("+") || t.contains("#"))) {
                throw new IllegalArgumentException("mqtt_power topic [" + t + "] must be one plug's topic, not a"
                        + " wildcard filter: two plugs on one filter would be summed as one");
            }
        }
        check("power_unit", powerUnit, POWER_UNITS);
        check("energy_unit", energyUnit, ENERGY_UNITS);
        check("time_format", timeFormat, TIME_FORMATS);
        if (energyPointer != null && energyUnit == null && preset.equals("generic")) {
            throw new IllegalArgumentException("mqtt_power.energy_unit must be set with energy_pointer ["
                    + energyPointer + "]; one of " + sorted(ENERGY_UNITS));
        }
        if (timePointer != null && timeFormat == null && preset.equals("generic")) {
            throw new IllegalArgumentException("mqtt_power.time_format must be set with time_pointer [" + timePointer
                    + "]; one of " + sorted(TIME_FORMATS));
        }
        positive("scale", scale, 1e6);
        positive("max_age_s", maxAgeS, 3600);
        positive("baseline_s", baselineS, 600);
        positive("resolution_w", resolutionW, 1000);
        if (brokerUrl != null && !brokerUrl.startsWith("tcp://") && !brokerUrl.startsWith("ssl://")) {
            throw new IllegalArgumentException("mqtt_power.broker_url [" + brokerUrl + "] must start with tcp:// or"
                    + " ssl://, e.g. tcp://broker.local:1883");
        }
    }

    /** A preset for {@code device} with every other field at its default. */
    public static MqttPowerSpec preset(String preset, String device) {
        return builder(preset).device(device).build();
    }

    public static Builder builder(String preset) {
        return new Builder(preset);
    }

    /** Every field but the preset optional; build() validates. */
    public static final class Builder {
        private final String preset;
        private String device;
        private String topic;
        private String powerPointer;
        private String powerUnit;
        private Double scale;
        private String energyTopic;
        private String energyPointer;
        private String energyUnit;
        private String timePointer;
        private String timeFormat;
        private String brokerUrl;
        private Double maxAgeS;
        private Double baselineS;
        private Double resolutionW;
        private String username;
        private String passwordFile;
        private String name;

        private Builder(String preset) {
            this.preset = preset;
        }

        public Builder device(String v) {
            device = v;
            return this;
        }

        public Builder topic(String v) {
            topic = v;
            return this;
        }

        /** JSON pointer to the power, its unit (W, mW, kW) and a scale. */
        public Builder power(String pointer, String unit, Double factor) {
            powerPointer = pointer;
            powerUnit = unit;
            scale = factor;
            return this;
        }

        /** An energy counter: its topic (null: the power topic), JSON pointer and unit. */
        public Builder energy(String onTopic, String pointer, String unit) {
            energyTopic = onTopic;
            energyPointer = pointer;
            energyUnit = unit;
            return this;
        }

        public Builder time(String pointer, String format) {
            timePointer = pointer;
            timeFormat = format;
            return this;
        }

        public Builder brokerUrl(String v) {
            brokerUrl = v;
            return this;
        }

        public Builder maxAgeS(Double v) {
            maxAgeS = v;
            return this;
        }

        public Builder baselineS(Double v) {
            baselineS = v;
            return this;
        }

        public Builder resolutionW(Double v) {
            resolutionW = v;
            return this;
        }

        /** Credentials for a broker other than the agent's: a user name and a file holding the password. */
        public Builder credentials(String user, String passwordFilePath) {
            username = user;
            passwordFile = passwordFilePath;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public MqttPowerSpec build() {
            return new MqttPowerSpec(
                    preset,
                    device,
                    topic,
                    powerPointer,
                    powerUnit,
                    scale,
                    energyTopic,
                    energyPointer,
                    energyUnit,
                    timePointer,
                    timeFormat,
                    brokerUrl,
                    username,
                    passwordFile,
                    maxAgeS,
                    baselineS,
                    resolutionW,
                    name);
        }
    }

    /**
     * The command line's short form {@code PRESET:DEVICE[@BROKER_URL]}, e.g. {@code tasmota:plug1} or
     * {@code shelly_gen2:shellyplusplugs-a8032ab12345@tcp://broker.local:1883}.
     */
    public static MqttPowerSpec parseShort(String text) {
        return parseShort(text, "--power-plug");
    }

    /** As above; {@code what} names where the text came from in errors (power_plug in the agent config). */
    public static MqttPowerSpec parseShort(String text, String what) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(what + " [" + text + "] must look like PRESET:DEVICE[@BROKER_URL],"
                    + " e.g. tasmota:plug1@tcp://broker.local:1883 (presets: tasmota, shelly_gen1, shelly_gen2)");
        }
        String preset = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        int at = rest.indexOf('@');
        String device = at < 0 ? rest : rest.substring(0, at);
        if (preset.equals("generic")) {
            throw new IllegalArgumentException(what + " [" + text + "]: the generic form needs a topic and a JSON"
                    + " pointer; declare it as mqtt_power: in a profile (--profiles-dir)");
        }
        MqttPowerSpec s = preset(preset, device);
        return at < 0 ? s : s.withBrokerUrl(rest.substring(at + 1));
    }

    /** This spec with a broker URL (when it has none). */
    public MqttPowerSpec withBrokerUrl(String url) {
        return new MqttPowerSpec(
                preset,
                device,
                topic,
                powerPointer,
                powerUnit,
                scale,
                energyTopic,
                energyPointer,
                energyUnit,
                timePointer,
                timeFormat,
                brokerUrl != null ? brokerUrl : url,
                username,
                passwordFile,
                maxAgeS,
                baselineS,
                resolutionW,
                name);
    }

    /** e.g. "tasmota:plug1", or the name given. */
    public String label() {
        return name != null ? name : preset + ":" + (device != null ? device : topic);
    }

    private static String example(String preset) {
        return switch (preset) {
            case "tasmota" -> "tasmota_A1B2C3 (the %topic% of tele/<topic>/SENSOR)";
            case "shelly_gen1" -> "shellyplug-s-C18B12";
            default -> "shellyplusplugs-a8032ab12345";
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void check(String key, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(
                    "mqtt_power." + key + " [" + value + "] must be one of " + sorted(allowed));
        }
    }

    private static void positive(String key, Double v, double max) {
        if (v != null && !(v > 0 && v <= max)) {
            throw new IllegalArgumentException("mqtt_power." + key + " [" + v + "] must be >0.." + (long) max);
        }
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", s.stream().sorted().toList());
    }
}

package io.edgebench.telemetry.mqttpower;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edgebench.config.MqttPowerSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a plug puts its numbers: the topics to subscribe to and, per topic, how to pull power, an energy counter and
 * the plug's timestamp out of a payload. Presets (payload formats as documented by the vendors, see
 * docs/telemetry.md "Smart plugs over MQTT"):
 * <ul>
 *   <li>tasmota: {@code tele/<device>/SENSOR}, JSON {@code {"Time":"2026-12-01T10:00:05","ENERGY":{"Total":1.234,
 *       "Power":5.2,...}}}; Time is local time without a zone, Total is kWh;
 *   <li>shelly_gen1: {@code shellies/<device>/relay/0/power} (a plain number, W) and {@code .../relay/0/energy}
 *       (a plain counter in watt-minutes), no timestamp;
 *   <li>shelly_gen2: {@code <device>/events/rpc} NotifyStatus JSON, {@code params.ts} (Unix seconds, UTC),
 *       {@code params["switch:0"].apower} (W) and {@code .aenergy.total} (Wh); only changed fields are sent.
 * </ul>
 */
public final class PlugFormat {
    /** Payload numbers as BigDecimal: their printed decimals are the plug's resolution. */
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
            .build()
            .reader();

    /**
     * Where one value sits in a payload: a JSON pointer ("" for a payload that is just the number) and the factor to
     * our unit. {@link #NONE}: the topic does not carry this value.
     */
    record Field(String pointer, double scale) {
        static final Field NONE = new Field("<none>", 0);

        /** The field at {@code pointer}, or NONE when there is no pointer. */
        static Field at(String pointer, double scale) {
            return pointer == null ? NONE : new Field(pointer, scale);
        }

        boolean present() {
            return this != NONE;
        }

        boolean wholePayload() {
            return present() && pointer.isEmpty();
        }
    }

    /** How to read one topic: power, an energy counter, the plug's time (with its format). */
    record Rule(String topic, Field power, Field energy, Field time, String timeFormat) {
        boolean plainNumber() {
            return power.wholePayload() || energy.wholePayload();
        }
    }

    /** What one message carried; absent parts are null (never zero). */
    public record Parsed(Double powerW, Double energyMj, Double plugTimeS, double powerResolutionW) {
        boolean isEmpty() {
            return powerW == null && energyMj == null;
        }
    }

    private final String preset;
    private final List<Rule> rules;
    private final boolean changeDriven;

    private PlugFormat(String preset, List<Rule> rules, boolean changeDriven) {
        this.preset = preset;
        this.rules = List.copyOf(rules);
        this.changeDriven = changeDriven;
    }

    public static PlugFormat of(MqttPowerSpec s) {
        String d = s.device();
        double scale = s.scale() == null ? 1 : s.scale();
        Field none = Field.NONE;
        return switch (s.preset()) {
            // tele/.../SENSOR every TelePeriod (10 s at best), stat/.../STATUS10 on each `Status 10` (a rule can
            // send one a second); the latter wraps the same object in StatusSNS
            case "tasmota" ->
                new PlugFormat(
                        "tasmota",
                        List.of(
                                new Rule(
                                        or(s.topic(), "tele/" + d + "/SENSOR"),
                                        new Field("/ENERGY/Power", scale),
                                        new Field("/ENERGY/Total", 3.6e9),
                                        new Field("/Time", 0),
                                        "iso_local"),
                                new Rule(
                                        "stat/" + d + "/STATUS10",
                                        new Field("/StatusSNS/ENERGY/Power", scale),
                                        new Field("/StatusSNS/ENERGY/Total", 3.6e9),
                                        new Field("/StatusSNS/Time", 0),
                                        "iso_local")),
                        false);
            case "shelly_gen1" ->
                new PlugFormat(
                        "shelly_gen1",
                        List.of(
                                new Rule(
                                        or(s.topic(), "shellies/" + d + "/relay/0/power"),
                                        new Field("", scale),
                                        none,
                                        none,
                                        ""),
                                new Rule(
                                        or(s.energyTopic(), "shellies/" + d + "/relay/0/energy"),
                                        none,
                                        new Field("", 60_000),
                                        none,
                                        "")),
                        false);
            case "shelly_gen2" ->
                new PlugFormat(
                        "shelly_gen2",
                        List.of(new Rule(
                                or(s.topic(), d + "/events/rpc"),
                                new Field("/params/switch:0/apower", scale),
                                new Field("/params/switch:0/aenergy/total", 3.6e6),
                                new Field("/params/ts", 0),
                                "epoch_s")),
                        true);
            default -> generic(s, scale);
        };
    }

    private static PlugFormat generic(MqttPowerSpec s, double scale) {
        double unit = switch (s.powerUnit() == null ? "W" : s.powerUnit()) {
            case "mW" -> 1e-3;
            case "kW" -> 1e3;
            default -> 1;
        };
        double energyUnit = s.energyUnit() == null
                ? 0
                : switch (s.energyUnit()) {
                    case "mJ" -> 1;
                    case "J" -> 1e3;
                    case "Wmin" -> 60_000;
                    case "Wh" -> 3.6e6;
                    default -> 3.6e9; // kWh
                };
        Field power = new Field(s.powerPointer() == null ? "" : s.powerPointer(), unit * scale);
        Field energy = Field.at(s.energyPointer(), energyUnit);
        Field time = Field.at(s.timePointer(), 0);
        String format = s.timeFormat() == null ? "" : s.timeFormat();
        boolean energyApart = s.energyTopic() != null && !s.energyTopic().equals(s.topic());
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(s.topic(), power, energyApart ? Field.NONE : energy, time, format));
        if (energyApart && energy.present()) {
            rules.add(new Rule(s.energyTopic(), Field.NONE, energy, time, format));
        }
        return new PlugFormat("generic", rules, false);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    public String preset() {
        return preset;
    }

    /** True when the source publishes on change only (silence means "unchanged", up to max_age_s). */
    public boolean changeDriven() {
        return changeDriven;
    }

    public List<String> topics() {
        return rules.stream().map(Rule::topic).distinct().toList();
    }

    public boolean hasEnergy() {
        return rules.stream().anyMatch(r -> r.energy().present());
    }

    /**
     * Reads one message. Returns null when the topic is not ours; throws IllegalArgumentException naming the topic
     * and the payload's start when the payload is not what the format says.
     */
    public Parsed parse(String topic, byte[] payload) {
        Rule rule =
                rules.stream().filter(r -> r.topic().equals(topic)).findFirst().orElse(null);
        if (rule == null) {
            return null;
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (rule.plainNumber()) {
            BigDecimal v = number(topic, text);
            Double power =
                    rule.power().present() ? v.doubleValue() * rule.power().scale() : null;
            Double energy =
                    rule.energy().present() ? v.doubleValue() * rule.energy().scale() : null;
            double res = rule.power().present() ? step(v, rule.power().scale()) : 0;
            return new Parsed(power, energy, null, res);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "payload on [" + topic + "] is not JSON (" + head(text) + "); expected the " + preset + " format");
        }
        BigDecimal power = rule.power().present() ? sum(root.at(rule.power().pointer())) : null;
        BigDecimal energy = rule.energy().present() ? sum(root.at(rule.energy().pointer())) : null;
        Double time = rule.time().present() ? time(root.at(rule.time().pointer()), rule.timeFormat(), topic) : null;
        Double powerW =
                power == null ? null : power.doubleValue() * rule.power().scale();
        Double energyMj =
                energy == null ? null : energy.doubleValue() * rule.energy().scale();
        return new Parsed(
                powerW,
                energyMj,
                time,
                power == null ? 0 : step(power, rule.power().scale()));
    }

    /** One unit of the last printed decimal, in watts: "5.27" is known to 0.01 W, "5" to 1 W. */
    private static double step(BigDecimal v, double scaleW) {
        return Math.pow(10, -Math.max(0, v.scale())) * scaleW;
    }

    /** A number, or the sum of an array of numbers (Tasmota reports multi-channel meters as arrays); else null. */
    private static BigDecimal sum(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isArray() && n.size() > 0) {
            BigDecimal s = BigDecimal.ZERO;
            for (JsonNode e : n) {
                if (!e.isNumber()) {
                    return null;
                }
                s = s.add(e.decimalValue());
            }
            return s;
        }
        return null;
    }

    private static Double time(JsonNode n, String format, String topic) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        switch (format) {
            case "epoch_s":
                return n.isNumber() ? n.doubleValue() : null;
            case "epoch_ms":
                return n.isNumber() ? n.doubleValue() / 1e3 : null;
            default:
                try {
                    // local wall time of the plug; only differences matter (PlugClock fits the offset), so UTC will do
                    return (double) LocalDateTime.parse(n.asText()).toEpochSecond(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("time [" + n.asText() + "] on [" + topic + "] is not an ISO"
                            + " local date-time like 2026-12-01T10:00:05");
                }
        }
    }

    private static BigDecimal number(String topic, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("payload on [" + topic + "] is not a number (" + head(text)
                    + "); expected a plain value like 4.53");
        }
    }

    private static String head(String text) {
        return text.length() > 40 ? "\"" + text.substring(0, 40) + "...\"" : "\"" + text + "\"";
    }
}

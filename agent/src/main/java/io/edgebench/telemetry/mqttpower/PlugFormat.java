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
import java.util.Objects;

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
            .build().reader();

    /** How to read one topic. Pointers are JSON pointers; null power pointer with a plain-number payload. */
    /** Rule parts a format does not have: plain-number topics carry one value and no clock. */
    private static final String WHOLE_PAYLOAD = null;
    private static final String NO_POWER = null;
    private static final String NO_ENERGY = null;
    private static final String NO_TIME = null;

    record Rule(String topic, boolean plainNumber, String powerPointer, double powerScaleW, String energyPointer,
            double energyScaleMj, String timePointer, String timeFormat) {}

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
        return switch (s.preset()) {
            // tele/.../SENSOR every TelePeriod (10 s at best), stat/.../STATUS10 on each `Status 10` (a rule can
            // send one a second); the latter wraps the same object in StatusSNS
            case "tasmota" -> new PlugFormat("tasmota", List.of(
                    new Rule(or(s.topic(), "tele/" + d + "/SENSOR"), false, "/ENERGY/Power", scale, "/ENERGY/Total",
                            3.6e9, "/Time", "iso_local"),
                    new Rule("stat/" + d + "/STATUS10", false, "/StatusSNS/ENERGY/Power", scale,
                            "/StatusSNS/ENERGY/Total", 3.6e9, "/StatusSNS/Time", "iso_local")), false);
            case "shelly_gen1" -> new PlugFormat("shelly_gen1", List.of(
                    new Rule(or(s.topic(), "shellies/" + d + "/relay/0/power"), true, WHOLE_PAYLOAD, scale,
                            NO_ENERGY, 0, NO_TIME, NO_TIME),
                    new Rule(or(s.energyTopic(), "shellies/" + d + "/relay/0/energy"), true, NO_POWER, 0, "", 60_000,
                            NO_TIME, NO_TIME)), false);
            case "shelly_gen2" -> new PlugFormat("shelly_gen2", List.of(new Rule(or(s.topic(), d + "/events/rpc"),
                    false, "/params/switch:0/apower", scale, "/params/switch:0/aenergy/total", 3.6e6, "/params/ts",
                    "epoch_s")), true);
            default -> generic(s, scale);
        };
    }

    private static PlugFormat generic(MqttPowerSpec s, double scale) {
        boolean plain = s.powerPointer() == null || s.powerPointer().isEmpty();
        double unit = switch (s.powerUnit() == null ? "W" : s.powerUnit()) {
            case "mW" -> 1e-3;
            case "kW" -> 1e3;
            default -> 1;
        };
        double energyUnit = s.energyUnit() == null ? 0 : switch (s.energyUnit()) {
            case "mJ" -> 1;
            case "J" -> 1e3;
            case "Wmin" -> 60_000;
            case "Wh" -> 3.6e6;
            default -> 3.6e9; // kWh
        };
        List<Rule> rules = new ArrayList<>();
        boolean energyApart = s.energyTopic() != null && !s.energyTopic().equals(s.topic());
        rules.add(new Rule(s.topic(), plain, plain ? null : s.powerPointer(), unit * scale,
                energyApart ? null : s.energyPointer(), energyUnit, s.timePointer(), s.timeFormat()));
        if (energyApart && s.energyPointer() != null) {
            rules.add(new Rule(s.energyTopic(), s.energyPointer().isEmpty(), null, 0, s.energyPointer(), energyUnit,
                    s.timePointer(), s.timeFormat()));
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
        return rules.stream().anyMatch(r -> r.energyPointer() != null);
    }

    /**
     * Reads one message. Returns null when the topic is not ours; throws IllegalArgumentException naming the topic
     * and the payload's start when the payload is not what the format says.
     */
    public Parsed parse(String topic, byte[] payload) {
        Rule rule = rules.stream().filter(r -> r.topic().equals(topic)).findFirst().orElse(null);
        if (rule == null) {
            return null;
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (rule.plainNumber()) {
            BigDecimal v = number(topic, text);
            return rule.powerPointer() == null && rule.powerScaleW() > 0
                    ? new Parsed(v.doubleValue() * rule.powerScaleW(), null, null, step(v, rule.powerScaleW()))
                    : new Parsed(null, v.doubleValue() * rule.energyScaleMj(), null, 0);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload on [" + topic + "] is not JSON (" + head(text)
                    + "); expected the " + preset + " format");
        }
        BigDecimal power = rule.powerPointer() == null ? null : sum(root.at(rule.powerPointer()));
        BigDecimal energy = rule.energyPointer() == null ? null : sum(root.at(rule.energyPointer()));
        Double time = rule.timePointer() == null ? null : time(root.at(rule.timePointer()), rule.timeFormat(), topic);
        return new Parsed(power == null ? null : power.doubleValue() * rule.powerScaleW(),
                energy == null ? null : energy.doubleValue() * rule.energyScaleMj(), time,
                power == null ? 0 : step(power, rule.powerScaleW()));
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
        switch (Objects.requireNonNull(format, "time_format")) {
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

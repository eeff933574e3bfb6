package io.edgebench.telemetry.mqttpower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.config.MqttPowerSpec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlugFormatTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tasmota_sensorMessage_powerCounterAndLocalTime() {
        PlugFormat f = PlugFormat.of(MqttPowerSpec.preset("tasmota", "plug1"));
        assertEquals(List.of("tele/plug1/SENSOR", "stat/plug1/STATUS10"), f.topics());
        assertEquals(
                6.5,
                f.parse(
                                "stat/plug1/STATUS10",
                                b("{\"StatusSNS\":{\"Time\":\"2026-12-01T10:00:06\"," + "\"ENERGY\":{\"Power\":6.5}}}"))
                        .powerW(),
                1e-12);
        PlugFormat.Parsed p = f.parse(
                "tele/plug1/SENSOR",
                b("{\"Time\":\"2026-12-01T10:00:05\",\"ENERGY\":{"
                        + "\"TotalStartTime\":\"2026-01-01T00:00:00\",\"Total\":1.234,\"Yesterday\":0.1,\"Today\":0.02,"
                        + "\"Power\":5.20,\"ApparentPower\":9,\"Voltage\":231,\"Current\":0.041}}"));
        assertEquals(5.2, p.powerW(), 1e-12);
        assertEquals(0.01, p.powerResolutionW(), 1e-15);
        assertEquals(1.234 * 3.6e9, p.energyMj(), 1e-3);
        assertEquals(LocalDateTime.of(2026, 12, 1, 10, 0, 5).toEpochSecond(ZoneOffset.UTC), p.plugTimeS(), 0);
    }

    @Test
    void tasmota_integerWatts_resolutionOneWatt_andMessageWithoutEnergyIsEmpty() {
        PlugFormat f = PlugFormat.of(MqttPowerSpec.preset("tasmota", "plug1"));
        assertEquals(
                1.0,
                f.parse("tele/plug1/SENSOR", b("{\"Time\":\"2026-12-01T10:00:05\",\"ENERGY\":{\"Power\":7}}"))
                        .powerResolutionW());
        assertTrue(f.parse("tele/plug1/SENSOR", b("{\"Time\":\"2026-12-01T10:00:05\",\"AM2301\":{}}"))
                .isEmpty());
        assertNull(f.parse("tele/other/SENSOR", b("{}")), "not our topic");
    }

    @Test
    void tasmota_multiChannelPowerArray_isSummed() {
        PlugFormat f = PlugFormat.of(MqttPowerSpec.preset("tasmota", "pow"));
        assertEquals(
                12.5,
                f.parse(
                                "tele/pow/SENSOR",
                                b("{\"Time\":\"2026-12-01T10:00:05\",\"ENERGY\":{\"Power\":" + "[10.5,2.0]}}"))
                        .powerW(),
                1e-12);
    }

    @Test
    void shellyGen1_plainPowerAndWattMinuteCounter_noTimestamp() {
        PlugFormat f = PlugFormat.of(MqttPowerSpec.preset("shelly_gen1", "shellyplug-s-C18B12"));
        assertEquals(
                List.of("shellies/shellyplug-s-C18B12/relay/0/power", "shellies/shellyplug-s-C18B12/relay/0/energy"),
                f.topics());
        PlugFormat.Parsed p = f.parse("shellies/shellyplug-s-C18B12/relay/0/power", b("4.53"));
        assertEquals(4.53, p.powerW(), 1e-12);
        assertEquals(0.01, p.powerResolutionW(), 1e-15);
        assertNull(p.plugTimeS());
        PlugFormat.Parsed e = f.parse("shellies/shellyplug-s-C18B12/relay/0/energy", b("1234"));
        assertNull(e.powerW());
        assertEquals(1234 * 60_000.0, e.energyMj(), 1e-6);
    }

    @Test
    void shellyGen2_notifyStatus_fullAndPartial() {
        PlugFormat f = PlugFormat.of(MqttPowerSpec.preset("shelly_gen2", "shellyplusplugs-a8032ab1"));
        assertEquals(List.of("shellyplusplugs-a8032ab1/events/rpc"), f.topics());
        assertTrue(f.changeDriven());
        PlugFormat.Parsed p = f.parse(
                "shellyplusplugs-a8032ab1/events/rpc",
                b("{\"src\":\"shellyplusplugs-a8032ab1\","
                        + "\"dst\":\"shellyplusplugs-a8032ab1/events\",\"method\":\"NotifyStatus\",\"params\":{\"ts\":"
                        + "1764583205.43,\"switch:0\":{\"id\":0,\"apower\":8.9,\"aenergy\":{\"total\":6.532,\"by_minute\":"
                        + "[0,0,0],\"minute_ts\":1764583200}}}}"));
        assertEquals(8.9, p.powerW(), 1e-12);
        assertEquals(6.532 * 3.6e6, p.energyMj(), 1e-6);
        assertEquals(1764583205.43, p.plugTimeS(), 1e-6);
        PlugFormat.Parsed partial = f.parse(
                "shellyplusplugs-a8032ab1/events/rpc",
                b("{\"method\":\"NotifyStatus\","
                        + "\"params\":{\"ts\":1764583206.0,\"switch:0\":{\"id\":0,\"temperature\":{\"tC\":41.2}}}}"));
        assertTrue(partial.isEmpty(), "a NotifyStatus without apower is no power reading, not 0 W");
    }

    @Test
    void generic_pointerUnitScaleAndEpochMillis() {
        MqttPowerSpec s = new MqttPowerSpec(
                "generic",
                null,
                "lab/meter",
                "/data/p_mw",
                "mW",
                0.5,
                null,
                null,
                null,
                "/t",
                "epoch_ms",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        PlugFormat.Parsed p = PlugFormat.of(s).parse("lab/meter", b("{\"t\":1764583205123,\"data\":{\"p_mw\":5000}}"));
        assertEquals(2.5, p.powerW(), 1e-12);
        assertEquals(1764583205.123, p.plugTimeS(), 1e-6);
        assertEquals(0.0005, p.powerResolutionW(), 1e-12);
    }

    @Test
    void badPayloads_sayWhatAndWhere() {
        PlugFormat gen1 = PlugFormat.of(MqttPowerSpec.preset("shelly_gen1", "s1"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> gen1.parse("shellies/s1/relay/0/power", b("on")));
        assertEquals(
                "payload on [shellies/s1/relay/0/power] is not a number (\"on\"); expected a plain value like"
                        + " 4.53",
                e.getMessage());
        PlugFormat tas = PlugFormat.of(MqttPowerSpec.preset("tasmota", "p"));
        assertEquals(
                "payload on [tele/p/SENSOR] is not JSON (\"Online\"); expected the tasmota format",
                assertThrows(IllegalArgumentException.class, () -> tas.parse("tele/p/SENSOR", b("Online")))
                        .getMessage());
    }

    @Test
    void spec_rejectsWithHints() {
        assertEquals(
                "mqtt_power.preset [tuya] must be one of generic, shelly_gen1, shelly_gen2, tasmota, e.g. tasmota",
                assertThrows(IllegalArgumentException.class, () -> MqttPowerSpec.preset("tuya", "x"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MqttPowerSpec.parseShort("tasmota"))
                .getMessage()
                .startsWith("--power-plug [tasmota] must look like PRESET:DEVICE[@BROKER_URL]"));
        assertEquals(
                "tcp://127.0.0.1:1883",
                MqttPowerSpec.parseShort("tasmota:plug1@tcp://127.0.0.1:1883").brokerUrl());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new MqttPowerSpec(
                                "generic",
                                null,
                                "a/+/power",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))
                .getMessage()
                .contains("not a wildcard filter"));
    }
}

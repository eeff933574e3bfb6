package io.edgebench.telemetry.mqttpower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.config.MqttPowerSpec;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.PowerLinks;
import io.edgebench.link.PublishAck;
import io.edgebench.telemetry.Series;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The plug feed without a broker: a link stand-in hands messages to the collector's listener directly. */
class MqttPowerCollectorTest {

    /** A BrokerLink that only records the subscription and keeps the listener. */
    static final class FakeLink implements BrokerLink {
        List<String> subscriptions;
        Listener listener;
        boolean closed;

        @Override
        public void start(List<String> subscriptions, Listener listener) {
            this.subscriptions = subscriptions;
            this.listener = listener;
            listener.onConnected();
        }

        @Override
        public CompletableFuture<PublishAck> publish(Outbound message) {
            return CompletableFuture.completedFuture(PublishAck.ACCEPTED);
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public void close(Outbound last) {
            closed = true;
        }

        void send(String topic, String payload) {
            listener.onMessage(new Inbound(topic, payload.getBytes(StandardCharsets.UTF_8), null, null));
        }
    }

    static MqttPowerCollector open(MqttPowerSpec spec, FakeLink link) {
        io.edgebench.telemetry.SensorSet.Builder b = new io.edgebench.telemetry.SensorSet.Builder();
        MqttPowerCollector.probe(spec, s -> link, b);
        return (MqttPowerCollector) b.build().collectors().get(0);
    }

    static String tasmota(int second, String watts) {
        return "{\"Time\":\"2026-12-01T10:00:" + String.format("%02d", second) + "\",\"ENERGY\":{\"Power\":" + watts
                + "}}";
    }

    @Test
    void tasmota_readingsCarryThePlugsTime_staleOnesDropped_rejectsCounted() {
        FakeLink link = new FakeLink();
        MqttPowerCollector c = open(MqttPowerSpec.preset("tasmota", "p1"), link);
        assertEquals(List.of("tele/p1/SENSOR", "stat/p1/STATUS10"), link.subscriptions);
        link.send("tele/p1/SENSOR", tasmota(1, "4.10"));
        link.send("tele/p1/SENSOR", tasmota(2, "4.20"));
        link.send("tele/p1/SENSOR", "Online"); // not JSON: counted, not a reading
        link.send("tele/p1/SENSOR", tasmota(3, "4.30"));
        // a reading stamped 20 s before the others but arriving now: a replayed message, stale
        link.send("tele/p1/SENSOR", "{\"Time\":\"2026-12-01T09:59:43\",\"ENERGY\":{\"Power\":9.99}}");
        Series s = new Series(c.channels(), 100);
        c.drain(s);
        assertEquals(3, s.size());
        assertEquals(4.1, s.value(0, 0), 1e-12);
        assertEquals(1_000_000_000L, s.time(1) - s.time(0), 5_000_000L, "one plug second apart, whatever the arrival");
        assertEquals(2_000_000_000L, s.time(2) - s.time(0), 5_000_000L);
        assertTrue(s.time(2) <= System.nanoTime());
        String notes = String.join("\n", c.notes());
        assertTrue(notes.contains("3 readings, 1.00 Hz, resolution 0.01 W"), notes);
        assertTrue(notes.contains("1 payloads rejected, last: payload on [tele/p1/SENSOR] is not JSON"), notes);
        assertTrue(notes.contains("1 stale readings dropped"), notes);
        c.close();
        assertTrue(link.closed, "the collector owns its link");
    }

    @Test
    void plugClockJump_threeStaleInARow_refitsTheOffset() {
        PlugClock clock = new PlugClock(5_000_000_000L);
        long now = 1_000_000_000_000L;
        clock.map(1000, now);
        clock.map(1001, now + 1_000_000_000L);
        // the plug's clock stepped back an hour (daylight saving): readings look an hour late
        assertEquals(Long.MIN_VALUE, clock.map(1002 - 3600, now + 2_000_000_000L));
        assertEquals(Long.MIN_VALUE, clock.map(1003 - 3600, now + 3_000_000_000L));
        long mapped = clock.map(1004 - 3600, now + 4_000_000_000L);
        assertEquals(now + 4_000_000_000L, mapped, "re-anchored at this reading");
        assertEquals(now + 5_000_000_000L, clock.map(1005 - 3600, now + 5_000_000_000L));
        assertEquals(1, clock.jumps());
    }

    @Test
    void shellyGen1_counterReset_continues_andSilenceReadsAsAbsent() throws Exception {
        FakeLink link = new FakeLink();
        MqttPowerCollector c = open(
                new MqttPowerSpec(
                        "shelly_gen1",
                        "s1",
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
                        0.2,
                        null,
                        null,
                        null),
                link);
        link.send("shellies/s1/relay/0/energy", "100");
        link.send("shellies/s1/relay/0/energy", "3"); // plug rebooted: its counter restarted
        link.send("shellies/s1/relay/0/power", "5.5");
        Series s = new Series(c.channels(), 100);
        c.drain(s);
        assertEquals(3, s.size());
        assertEquals(103 * 60_000.0, s.value(1, 1), 1e-6, "counter continues from where it was");
        double[] row = new double[2];
        c.read(row);
        assertEquals(5.5, row[0], 1e-12);
        Thread.sleep(300); // older than max_age_s 0.2
        c.read(row);
        assertTrue(Double.isNaN(row[0]), "a stale reading is absent, never 0 W");
    }

    @Test
    void shellyGen2_changeDriven_valueHeldAsAStepUntilTheNextChange() {
        FakeLink link = new FakeLink();
        MqttPowerCollector c = open(MqttPowerSpec.preset("shelly_gen2", "plus1"), link);
        assertEquals(70, c.maxSilence().toSeconds());
        link.send(
                "plus1/events/rpc",
                "{\"method\":\"NotifyStatus\",\"params\":{\"ts\":1000.0,\"switch:0\":{\"apower\":3.0}}}");
        link.send(
                "plus1/events/rpc",
                "{\"method\":\"NotifyStatus\",\"params\":{\"ts\":1010.0,\"switch:0\":{\"apower\":6.0}}}");
        Series s = new Series(c.channels(), 100);
        c.drain(s);
        assertEquals(3, s.size(), "3 W held until just before the change to 6 W");
        assertEquals(3.0, s.value(1, 0), 1e-12);
        assertEquals(1_000_000L, s.time(2) - s.time(1));
    }

    @Test
    void unreachableLink_isAbsentWithWhy() {
        io.edgebench.telemetry.SensorSet.Builder b = new io.edgebench.telemetry.SensorSet.Builder();
        MqttPowerCollector.probe(MqttPowerSpec.preset("tasmota", "p1"), PowerLinks.NONE, b);
        var set = b.build();
        assertEquals(0, set.collectors().size());
        assertTrue(
                set.absent().get(0).reason().startsWith("tasmota:p1: no broker to read it from"),
                set.absent().toString());
    }
}

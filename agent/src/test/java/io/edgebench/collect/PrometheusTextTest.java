package io.edgebench.collect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.resultstore.LatestFigures.Device;
import io.edgebench.resultstore.LatestFigures.RunPower;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static String scrape(CollectorHealth health, List<Device> devices) {
        StringWriter w = new StringWriter();
        PrometheusText.write(health, devices, new PrintWriter(w));
        return w.toString();
    }

    @Test
    void write_waitingForStore_statesHeldMessagesAndSinceWhenToTheMillisecond() {
        String text = scrape(
                new CollectorHealth(CollectorHealth.State.WAITING_FOR_STORE, "database down", 3, 1_765_000_000_123L),
                List.of());
        assertTrue(text.contains("# TYPE edgebench_collector_state gauge\n"), text);
        assertTrue(text.contains("\nedgebench_collector_state{state=\"waiting_for_store\"} 1\n"), text);
        assertTrue(text.contains("\nedgebench_collector_held_messages 3\n"), text);
        assertTrue(text.contains("\nedgebench_collector_waiting_since_seconds 1.765000000123E9\n"), text);
    }

    @Test
    void write_storing_noWaitingSinceSample() {
        String text = scrape(CollectorHealth.storing(0), List.of());
        assertTrue(text.contains("\nedgebench_collector_state{state=\"storing\"} 1\n"), text);
        assertTrue(text.contains("# HELP edgebench_collector_waiting_since_seconds "), text);
        assertFalse(text.contains("\nedgebench_collector_waiting_since_seconds "), text);
    }

    @Test
    void write_raplRun_namesThePowerSourceAndNoHwMetric() {
        Device d = new Device(
                "pc-lab",
                null,
                1_765_000_000_500L,
                List.of(),
                Map.of("thermal:x86_pkg_temp", 61.5),
                new RunPower(14.25, "rapl"));
        String text = scrape(CollectorHealth.storing(0), List.of(d));
        assertTrue(
                text.contains("\nedgebench_run_power_mean_watts{device_id=\"pc-lab\",power_source=\"rapl\"} 14.25\n"),
                text);
        assertTrue(
                text.contains(
                        "\nedgebench_run_end_temperature_celsius{device_id=\"pc-lab\",sensor=\"thermal:x86_pkg_temp\"} 61.5\n"),
                text);
        assertTrue(
                text.contains("\nedgebench_result_finished_timestamp_seconds{device_id=\"pc-lab\"} 1.7650000005E9\n"),
                text);
        assertFalse(text.contains("hw_"), text);
    }
}

package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `edgebench sensors` prints the highest rate each power source it finds sustains, measured on it. */
@Timeout(60)
class SensorsRateTest {
    private static final Pattern RATE = Pattern.compile("\\n  (\\S+)\\s+([0-9.]+) Hz \\(([^\\n]*)\\)");

    @ParameterizedTest
    @CsvSource({
        "rpi4-ina226-hwmon, hwmon, the driver's update_interval 35 ms",
        "x86-rapl-wrap, rapl, the sampler's cap for rapl",
        "rpi5, rpi_pmic, the sampler's cap for rpi_pmic"
    })
    void fixture_eachPowerSourceWithItsSustainedRate(String fixture, String source, String limit) throws Exception {
        String[] r = SensorsCommandTest.roots(fixture);
        SensorsCommandTest.Run run = SensorsCommandTest.run("sensors", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
        assertEquals(0, run.exit(), run.err());
        int section = run.out().indexOf("power sources, highest sustained rate (measured now):");
        assertTrue(section > 0, run.out());
        Matcher m = RATE.matcher(run.out().substring(section));
        assertTrue(m.find(), run.out());
        assertEquals(source, m.group(1), run.out());
        double hz = Double.parseDouble(m.group(2));
        assertTrue(hz > 0 && hz <= 1000, run.out());
        assertTrue(m.group(3).startsWith(limit), run.out());
    }

    @Test
    void fixtureJson_ratesCarrySourceHzAndLimit() throws Exception {
        String[] r = SensorsCommandTest.roots("x86-rapl-wrap");
        SensorsCommandTest.Run run =
                SensorsCommandTest.run("sensors", "--json", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
        JsonNode rates = Json.mapper().readTree(run.out()).get("rates");
        assertEquals(1, rates.size(), run.out());
        assertEquals("rapl", rates.get(0).get("source").asText());
        assertTrue(rates.get(0).get("reads_per_s").asDouble() > 0, run.out());
    }

    @Test
    void plugOverMosquitto_rateIsTheObservedMessageRate(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
                TestClient plug = new TestClient(broker.url())) {
            AtomicBoolean on = new AtomicBoolean(true);
            Thread t = new Thread(() -> {
                for (int k = 0; on.get() && k < 200; k++) {
                    try {
                        plug.publish("shellies/plug-rate/relay/0/power", "4.25", null, null);
                        Thread.sleep(200);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.start();
            String[] r = SensorsCommandTest.roots("bare-vm");
            SensorsCommandTest.Run run = SensorsCommandTest.run(
                    "sensors",
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    "--power-plug",
                    "shelly_gen1:plug-rate@" + broker.url());
            on.set(false);
            t.join(2_000);
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("mqtt_power/shelly_gen1:plug-rate/power"), run.out());
            Matcher m = RATE.matcher(run.out().substring(run.out().indexOf("power sources, highest")));
            assertTrue(m.find(), run.out());
            assertEquals("mqtt_power", m.group(1));
            assertTrue(m.group(3).startsWith("observed message rate"), run.out());
            double hz = Double.parseDouble(m.group(2));
            assertTrue(hz > 1 && hz < 10, "about 5 Hz: " + run.out());
        }
    }
}

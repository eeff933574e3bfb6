package io.edgebench.telemetry.ina2xx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import io.edgebench.config.DeviceProfile;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.RateProbe;
import io.edgebench.telemetry.SensorSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * INA226/INA260 conversion settings go to the chip through Pi4J, and the rate probe measures the resulting data rate
 * on the register fake (its conversion-ready flag follows the config word the collector wrote).
 */
@Timeout(30)
class Ina2xxRateTest {

    @ParameterizedTest
    @CsvSource({"INA226, 4, 1100, 0x4327", "INA226, 1, 140, 0x4007", "INA260, 16, 588, 0x44DF", "INA260, , , 0x6127"})
    void conversionSettings_writtenThroughPi4j_andTheMeasuredRateFollowsThem(
            String chip, Integer averages, Integer conversionUs, String word) throws Exception {
        Ina2xxChip c = Ina2xxChip.valueOf(chip);
        var provider =
                new Ina2xxRegisterFake.Provider("mock-i2c", c, 0.1, t -> new Ina2xxRegisterFake.Electrical(5.1, 0.8));
        DeviceProfile.Ina2xx spec = new DeviceProfile.Ina2xx(chip, 1, 0x40, 0.1, 3.2, null, averages, conversionUs);
        SensorSet.Builder b = new SensorSet.Builder();
        Ina2xxBus.probe(
                List.of(spec),
                () -> Pi4J.newContextBuilder().noAutoDetect().add(provider).build(),
                b);
        try (SensorSet sensors = b.build()) {
            assertEquals(List.of(), sensors.absent());
            Collector ina = sensors.collectors().get(0);
            assertEquals(Integer.decode(word).intValue(), provider.last.configRegister(), "config word on the chip");
            double nominalHz = 1e6 / c.conversionPeriodUs(Integer.decode(word));
            RateProbe.Result r = RateProbe.measure(ina, Duration.ofMillis(300));
            System.out.println(chip + " " + averages + " x " + conversionUs + " us: " + r.describe());
            // the fake completes a conversion every period: never more ready flags than that (no wall-clock floor
            // is asserted beyond "some", the machine is shared)
            assertTrue(r.sustainedHz() <= Math.min(1000, nominalHz) * 1.05 + 5, r.describe());
            assertTrue(r.sustainedHz() > 0, r.describe());
            if (nominalHz < 1000) {
                assertTrue(r.limit().startsWith(chip + " conversions: "), r.describe());
            }
        }
    }

    @Test
    void ina219_conversionSettingsRefused_withWhy() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new DeviceProfile.Ina2xx("ina219", 1, 0x40, 0.1, 3.2, null, 4, null));
        assertEquals(
                "ina2xx[].averages/conversion_us apply to the INA226 and INA260; the INA219 [ina219@1-0x40] runs"
                        + " 12-bit conversions (532 us)",
                e.getMessage());
        assertEquals(1064, Ina2xxChip.INA219.conversionPeriodUs(Ina2xxChip.INA219_CONFIG), 1e-9);
    }
}

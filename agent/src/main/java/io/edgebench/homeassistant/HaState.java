package io.edgebench.homeassistant;

/**
 * What the discovered sensors show, published retained on {@link HaTopics#state}; null fields are left out (Home
 * Assistant shows them as unknown).
 *
 * @param maxTempC the hottest temperature reading of the board's sensors, from {@code maxTempSensor}
 *     (source:channel, e.g. thermal:cpu_thermal)
 * @param powerW the power reading of {@code powerSource} (ina2xx, mqtt_power: the board; rpi_pmic: the SoC's rails;
 *     rapl: the CPU package only; hwmon: whatever the chip measures)
 */
public record HaState(
        String state,
        Double maxTempC,
        String maxTempSensor,
        Double powerW,
        String powerSource,
        Double lastP50Ms,
        String lastJobId,
        String lastLane) {}

package io.edgebench.telemetry;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.SystemRoots;
import java.time.Duration;
import java.util.List;

/**
 * The board's temperature sources for compare's heat blocks: the hottest TEMP_C channel (thermal zones, hwmon
 * temp*_input) read on demand, and the bounded wait until it is back near a target ({@link Cooldown}).
 */
public final class BoardHeat implements AutoCloseable {
    private final SensorSet sensors;
    private final List<Collector> temperature;

    private BoardHeat(SensorSet sensors, List<Collector> temperature) {
        this.sensors = sensors;
        this.temperature = temperature;
    }

    /** The temperature sources among {@code sensors}; null (and the sensors closed) when there is none. */
    public static BoardHeat of(SensorSet sensors) {
        List<Collector> temp = sensors.collectors().stream()
                .filter(c -> c.channels().stream().anyMatch(ch -> ch.quantity() == Quantity.TEMP_C))
                .toList();
        if (temp.isEmpty()) {
            sensors.close();
            return null;
        }
        return new BoardHeat(sensors, temp);
    }

    /** This machine's temperature sources as `edgebench sensors` finds them with the profile of {@code host}. */
    public static BoardHeat forHost(HostPower host) {
        return forHost(host, SystemRoots.host());
    }

    /** As above, with the sensors under {@code roots} (a fixture board). */
    public static BoardHeat forHost(HostPower host, SystemRoots roots) {
        DeviceProfile profile = host.profile();
        return of(TelemetryFactory.discover(profile, roots, CommandRunner.PROCESS, host.links()));
    }

    /** The sources read, e.g. "thermal". */
    public String sources() {
        return String.join(", ", temperature.stream().map(Collector::source).toList());
    }

    /** The hottest reading now, in degrees Celsius; NaN when no sensor was readable. */
    public double hottestC() {
        return Cooldown.hottest(temperature);
    }

    /** Waits, polling every 0.25 s, until the hottest sensor is at or below {@code targetC}, or {@code max}. */
    public Cooldown.Result coolTo(double targetC, Duration max) {
        return Cooldown.waitUntil(temperature, targetC, max, Duration.ofMillis(250));
    }

    @Override
    public void close() {
        sensors.close();
    }
}

package io.edgebench.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What edgebench knows about one kind of board: how to recognise it, which telemetry sources to look for, its
 * thermal limits and its accelerators. Loaded from device-profiles/&lt;name&gt;.yaml by {@link ProfileLoader}.
 *
 * @param powerSource the source whose power/energy is "the board's" (ina2xx, mqtt_power, hwmon, rpi_pmic, rapl);
 *     null: the first of those that is present, in that order
 * @param mqttPower a smart plug (or other power meter) that publishes over MQTT; null: none. Probed whenever set.
 */
public record DeviceProfile(
        String name,
        String description,
        Match match,
        List<String> sensors,
        String powerSource,
        Thermal thermal,
        List<Accelerator> accelerators,
        List<Ina2xx> ina2xx,
        MqttPowerSpec mqttPower) {

    /** Every telemetry source name a profile may list. */
    public static final Set<String> SENSORS = Set.of(
            "thermal",
            "hwmon",
            "cpufreq",
            "cpu_util",
            "rapl",
            "apex",
            "rpi_throttle",
            "rpi_pmic",
            "ina2xx",
            "mqtt_power");

    /** Sources that measure board power, in the default order of preference (see docs/telemetry.md). */
    public static final List<String> POWER_SOURCES = List.of("ina2xx", "mqtt_power", "hwmon", "rpi_pmic", "rapl");

    /** The order power sources are tried in: {@code preferred} (a profile's power_source; may be null) first. */
    public static List<String> powerOrder(String preferred) {
        List<String> order = new java.util.ArrayList<>();
        if (preferred != null) {
            order.add(preferred);
        }
        POWER_SOURCES.stream().filter(s -> !s.equals(preferred)).forEach(order::add);
        return List.copyOf(order);
    }

    public DeviceProfile {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("name [" + name + "] must be lower-case letters, digits and dashes");
        }
        description = description == null ? name : description;
        match = match == null ? new Match(List.of(), List.of(), false, List.of(), List.of(), false) : match;
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
        for (String s : sensors) {
            if (!SENSORS.contains(s)) {
                throw new IllegalArgumentException("sensors entry [" + s + "] must be one of " + sorted(SENSORS));
            }
        }
        if (powerSource != null && !POWER_SOURCES.contains(powerSource)) {
            throw new IllegalArgumentException(
                    "power_source [" + powerSource + "] must be one of " + String.join(", ", POWER_SOURCES));
        }
        thermal = thermal == null ? new Thermal(null, null) : thermal;
        accelerators = accelerators == null ? List.of() : List.copyOf(accelerators);
        ina2xx = ina2xx == null ? List.of() : List.copyOf(ina2xx);
    }

    /** This profile with a plug (from the agent config or the command line) in place of its own. */
    public DeviceProfile withMqttPower(MqttPowerSpec plug) {
        return new DeviceProfile(name, description, match, sensors, powerSource, thermal, accelerators, ina2xx, plug);
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", s.stream().sorted().toList());
    }

    /**
     * How to recognise the board. A profile matches when the device tree's compatible list contains one of
     * {@code compatible}, or its model contains one of {@code model}, or ({@code dmi}) DMI identity exists, or
     * there is no device tree and the JVM's os.arch is one of {@code arch}; and, when {@code usb} is not empty,
     * one of those vendor:product USB devices is present as well. {@code fallback}: used when nothing else matches.
     */
    public record Match(
            List<String> compatible,
            List<String> model,
            boolean dmi,
            List<String> arch,
            List<String> usb,
            boolean fallback) {
        public Match {
            compatible = compatible == null ? List.of() : List.copyOf(compatible);
            model = model == null ? List.of() : List.copyOf(model);
            arch = arch == null ? List.of() : List.copyOf(arch);
            usb = usb == null ? List.of() : List.copyOf(usb);
            for (String id : usb) {
                if (!id.matches("[0-9a-f]{4}:[0-9a-f]{4}")) {
                    throw new IllegalArgumentException(
                            "match.usb entry [" + id + "] must be vendor:product in lower-case hex, e.g. 18d1:9302");
                }
            }
        }
    }

    /**
     * @param maxStartC a run that starts hotter than this is invalid (use --cooldown-to-c); null: no limit
     * @param throttleC where the board's firmware/kernel starts throttling (information for reports)
     */
    public record Thermal(Double maxStartC, Double throttleC) {
        public Thermal {
            if (maxStartC != null && !(maxStartC > 0 && maxStartC < 150)) {
                throw new IllegalArgumentException("thermal.max_start_c [" + maxStartC + "] must be 0..150");
            }
        }
    }

    /** @param kind e.g. edgetpu; @param attach usb, pcie or soc */
    public record Accelerator(String kind, String attach) {
        public Accelerator {
            Objects.requireNonNull(kind, "accelerators[].kind");
            if (attach != null && !Set.of("usb", "pcie", "soc").contains(attach)) {
                throw new IllegalArgumentException("accelerators[].attach [" + attach + "] must be usb, pcie or soc");
            }
        }
    }

    /**
     * An INA219/INA226/INA260 on I2C.
     *
     * @param shuntOhms the shunt resistor (ignored by the INA260, whose 2 mOhm shunt is inside)
     * @param maxCurrentA the largest current expected; sets Current_LSB = max / 2^15
     * @param averages INA226/INA260: samples averaged per conversion result (1, 4, 16, 64, 128, 256, 512, 1024);
     *     null: 4 (INA226) or the chip's power-on 1 (INA260)
     * @param conversionUs INA226/INA260: bus and shunt conversion time in us (140, 204, 332, 588, 1100, 2116, 4156,
     *     8244); null: 1100. A new result every averages x 2 x conversion_us: the highest useful sample rate.
     */
    public record Ina2xx(
            String chip,
            int bus,
            int address,
            double shuntOhms,
            double maxCurrentA,
            String name,
            Integer averages,
            Integer conversionUs) {
        public static final List<Integer> AVERAGES = List.of(1, 4, 16, 64, 128, 256, 512, 1024);
        public static final List<Integer> CONVERSION_US = List.of(140, 204, 332, 588, 1100, 2116, 4156, 8244);

        public Ina2xx {
            if (chip == null
                    || !Set.of("ina219", "ina226", "ina260").contains(chip.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("ina2xx[].chip [" + chip + "] must be ina219, ina226 or ina260");
            }
            chip = chip.toLowerCase(java.util.Locale.ROOT);
            if (bus < 0 || bus > 255) {
                throw new IllegalArgumentException("ina2xx[].bus [" + bus + "] must be 0..255 (/dev/i2c-N)");
            }
            if (address < 0x08 || address > 0x77) {
                throw new IllegalArgumentException(
                        "ina2xx[].address [" + address + "] must be a 7-bit I2C address 0x08..0x77, e.g. 0x40");
            }
            if (!chip.equals("ina260") && !(shuntOhms > 0 && shuntOhms <= 10)) {
                throw new IllegalArgumentException("ina2xx[].shunt_ohms [" + shuntOhms + "] must be >0..10, e.g. 0.1");
            }
            if (!(maxCurrentA > 0 && maxCurrentA <= 100)) {
                throw new IllegalArgumentException(
                        "ina2xx[].max_current_a [" + maxCurrentA + "] must be >0..100, e.g. 3.2");
            }
            if ((averages != null || conversionUs != null) && chip.equals("ina219")) {
                throw new IllegalArgumentException("ina2xx[].averages/conversion_us apply to the INA226 and INA260;"
                        + " the INA219 [" + label(name, chip, bus, address) + "] runs 12-bit conversions (532 us)");
            }
            if (averages != null && !AVERAGES.contains(averages)) {
                throw new IllegalArgumentException("ina2xx[].averages [" + averages + "] must be one of " + AVERAGES);
            }
            if (conversionUs != null && !CONVERSION_US.contains(conversionUs)) {
                throw new IllegalArgumentException(
                        "ina2xx[].conversion_us [" + conversionUs + "] must be one of " + CONVERSION_US);
            }
        }

        /** Without conversion settings (the chip's defaults as edgebench configures them). */
        public Ina2xx(String chip, int bus, int address, double shuntOhms, double maxCurrentA, String name) {
            this(chip, bus, address, shuntOhms, maxCurrentA, name, null, null);
        }

        private static String label(String name, String chip, int bus, int address) {
            return name != null ? name : chip + "@" + bus + "-0x" + Integer.toHexString(address);
        }

        /** e.g. "ina226@1-0x40", or the profile's name for it. */
        public String label() {
            return label(name, chip, bus, address);
        }
    }
}

package io.edgebench.telemetry.ina2xx;

import io.edgebench.results.PowerAccuracy;

/**
 * Register maps and scaling of TI's INA219, INA226 and INA260 power monitors, per their datasheets. All registers
 * are 16-bit big-endian. Current_LSB is chosen as max_current / 2^15 so the signed current register spans the
 * profile's maximum current.
 */
public enum Ina2xxChip {
    /** 0x00 config, 0x01 shunt (10 uV), 0x02 bus (bits 15..3, 4 mV), 0x03 power, 0x04 current, 0x05 calibration. */
    INA219(0x02, 0x04, 0x03, 0x05, 20, -1),
    /** Same addresses; bus 1.25 mV, shunt 2.5 uV, Power_LSB = 25 * Current_LSB; 0xFE reads 0x5449 ("TI"). */
    INA226(0x02, 0x04, 0x03, 0x05, 25, 0xFE),
    /** Integrated 2 mOhm shunt: 0x01 current (1.25 mA), 0x02 bus (1.25 mV), 0x03 power (10 mW); no calibration. */
    INA260(0x02, 0x01, 0x03, -1, 0, 0xFE);

    public static final int CONFIG = 0x00;
    public static final int TI_MANUFACTURER_ID = 0x5449;
    /** INA219 config: 32 V bus range, PGA /8 (+-320 mV), 12-bit bus and shunt ADC, shunt and bus continuous. */
    public static final int INA219_CONFIG = 0x399F;
    /** INA226 config: 4 averages, 1.1 ms bus and shunt conversion, shunt and bus continuous. */
    public static final int INA226_CONFIG = 0x4327;

    final int busRegister;
    final int currentRegister;
    final int powerRegister;
    final int calibrationRegister;
    final int powerLsbPerCurrentLsb;
    final int manufacturerIdRegister;

    Ina2xxChip(int bus, int current, int power, int calibration, int powerFactor, int manufacturerId) {
        this.busRegister = bus;
        this.currentRegister = current;
        this.powerRegister = power;
        this.calibrationRegister = calibration;
        this.powerLsbPerCurrentLsb = powerFactor;
        this.manufacturerIdRegister = manufacturerId;
    }

    /**
     * The accuracy class from TI's datasheets (maximum limits over temperature where given): power's gain error is
     * the sum of the current and bus voltage gain errors (P = V * I), its offset the current offset referred to the
     * input (shunt offset voltage / shunt resistance) times the bus voltage.
     *
     * @param shuntOhms the shunt (the INA260's is inside: 2 mOhm)
     * @param busV the bus voltage the offset current is multiplied by
     */
    public PowerAccuracy accuracy(double shuntOhms, double busV) {
        return switch (this) {
            // SBOS448G table 7.5, A grade (the worse; the grade is not readable over I2C), PGA /8 as configured:
            // current measurement error +-1 % and bus voltage error +-1 % over -25..85 C; V_OS +-200 uV.
            case INA219 ->
                new PowerAccuracy(
                        "INA219",
                        2.0,
                        200e-6 / shuntOhms * busV,
                        "TI SBOS448G 7.5 (A grade, PGA /8): current error 1 %, bus voltage error 1 % over temperature,"
                                + " shunt offset 200 uV");
            // SBOS547A 7.5: shunt offset +-10 uV, shunt gain error 0.1 %, bus voltage gain error 0.1 % (max).
            case INA226 ->
                new PowerAccuracy(
                        "INA226",
                        0.2,
                        10e-6 / shuntOhms * busV,
                        "TI SBOS547A 7.5: shunt gain error 0.1 %, bus voltage gain error 0.1 %, shunt offset 10 uV (max)");
            // SBOS656C 7.5: system current gain error 0.15 %, current offset +-5 mA, bus voltage gain error 0.1 %.
            case INA260 ->
                new PowerAccuracy(
                        "INA260",
                        0.25,
                        5e-3 * busV,
                        "TI SBOS656C 7.5: current gain error 0.15 % (integrated shunt), bus voltage gain error 0.1 %,"
                                + " current offset 5 mA (max)");
        };
    }

    public static Ina2xxChip parse(String name) {
        for (Ina2xxChip c : values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("chip [" + name + "] must be one of ina219, ina226, ina260");
    }

    /** Amperes per current-register bit: max_current / 2^15 (the INA260's is fixed at 1.25 mA). */
    public double currentLsbA(double maxCurrentA) {
        return this == INA260 ? 0.00125 : maxCurrentA / 32768.0;
    }

    /** Watts per power-register bit. */
    public double powerLsbW(double currentLsbA) {
        return this == INA260 ? 0.010 : powerLsbPerCurrentLsb * currentLsbA;
    }

    /**
     * The calibration register value: INA219 trunc(0.04096 / (Current_LSB * R)) (bit 0 unused), INA226
     * trunc(0.00512 / (Current_LSB * R)) (15 bits); -1 for the INA260.
     */
    public int calibration(double currentLsbA, double shuntOhms) {
        return switch (this) {
            case INA219 ->
                checkCal((long) (0.04096 / (currentLsbA * shuntOhms)) & 0xFFFE, 0xFFFE, currentLsbA, shuntOhms);
            case INA226 -> checkCal((long) (0.00512 / (currentLsbA * shuntOhms)), 0x7FFF, currentLsbA, shuntOhms);
            case INA260 -> -1;
        };
    }

    private int checkCal(long cal, int max, double currentLsbA, double shuntOhms) {
        if (cal < 1 || cal > max) {
            throw new IllegalArgumentException(name() + " calibration [" + cal + "] for shunt " + shuntOhms
                    + " ohm and Current_LSB " + currentLsbA + " A is outside 1.." + max
                    + "; check shunt_ohms and max_current_a in the profile");
        }
        return (int) cal;
    }

    /** Bus voltage in volts from the raw bus register. */
    public double busVolts(int raw) {
        return this == INA219 ? ((raw >> 3) & 0x1FFF) * 0.004 : (raw & 0x7FFF) * 0.00125;
    }

    /** The config word written at start, or -1 to leave the power-on default. */
    public int configWord() {
        return switch (this) {
            case INA219 -> INA219_CONFIG;
            case INA226 -> INA226_CONFIG;
            case INA260 -> -1; // power-on default already measures current and bus continuously
        };
    }

    /** INA260 power-on config: 1 average, 1.1 ms bus and shunt conversions, continuous. */
    public static final int INA260_DEFAULT_CONFIG = 0x6127;
    /** Mask/Enable register (INA226, INA260): bit 3 CVRF, set when a conversion completed, cleared by reading it. */
    public static final int MASK_ENABLE = 0x06;

    public static final int CVRF = 1 << 3;

    /**
     * The config word for {@code averages} and {@code conversionUs} (INA226/INA260 layout: AVG bits 11-9, VBUSCT 8-6,
     * VSHCT 5-3, MODE 2-0 = 111 shunt and bus continuous), or the default word when both are null.
     */
    public int configWord(Integer averages, Integer conversionUs) {
        if (this == INA219 || (averages == null && conversionUs == null)) {
            return configWord();
        }
        int avg = io.edgebench.config.DeviceProfile.Ina2xx.AVERAGES.indexOf(
                averages == null ? (this == INA226 ? 4 : 1) : averages);
        int ct = io.edgebench.config.DeviceProfile.Ina2xx.CONVERSION_US.indexOf(
                conversionUs == null ? 1100 : conversionUs);
        return 0x4000 | (avg << 9) | (ct << 6) | (ct << 3) | 0b111;
    }

    /**
     * Microseconds between two results for a config word: INA226/INA260 averages x (bus + shunt conversion time);
     * INA219 bus + shunt conversion (BADC bits 10-7, SADC 6-3; 12-bit single sample is 532 us, 2^n averages x 532).
     */
    public double conversionPeriodUs(int config) {
        if (this == INA219) {
            return ina219Us((config >> 7) & 0xF) + ina219Us((config >> 3) & 0xF);
        }
        int avg = io.edgebench.config.DeviceProfile.Ina2xx.AVERAGES.get((config >> 9) & 0x7);
        int bus = io.edgebench.config.DeviceProfile.Ina2xx.CONVERSION_US.get((config >> 6) & 0x7);
        int shunt = io.edgebench.config.DeviceProfile.Ina2xx.CONVERSION_US.get((config >> 3) & 0x7);
        return (double) avg * (bus + shunt);
    }

    /** INA219 ADC setting: 0-3 single 9..12-bit (84, 148, 276, 532 us), 8-15 12-bit with 2^(n-8) averages. */
    private static double ina219Us(int code) {
        if (code < 8) {
            return new double[] {84, 148, 276, 532}[code & 0x3];
        }
        return 532.0 * (1 << (code - 8));
    }
}

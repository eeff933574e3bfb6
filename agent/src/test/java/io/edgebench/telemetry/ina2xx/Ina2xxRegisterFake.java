package io.edgebench.telemetry.ina2xx;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import java.util.function.LongFunction;

/**
 * Register-accurate INA219/INA226/INA260 behind Pi4J's mock I2C (whose own registers are FIFOs: a second read
 * returns -1). Every read computes the register from the programmed bus voltage and current at that instant
 * (System.nanoTime), quantised and combined the way the datasheets describe: the shunt ADC, then
 * current = shunt * CAL / 4096 (INA219) or / 2048 (INA226), power = current * bus / 5000 or / 20000; the INA260
 * quantises its integrated shunt directly. Without a calibration write current and power read 0, like the chips.
 */
final class Ina2xxRegisterFake extends MockI2C {
    /** Bus volts and amps at a System.nanoTime() instant. */
    record Electrical(double busV, double currentA) {}

    private final Ina2xxChip chip;
    private final double shuntOhms;
    private final LongFunction<Electrical> profile;
    private int configWord;
    private int calibration;
    volatile int reads;
    /** Conversions complete every conversionPeriodUs(config) from the last config write, like the chips' ADC. */
    private long conversionsFrom = System.nanoTime();

    private long acknowledged;

    Ina2xxRegisterFake(
            I2CProvider provider,
            I2CConfig config,
            Ina2xxChip chip,
            double shuntOhms,
            LongFunction<Electrical> profile) {
        super(provider, config);
        this.chip = chip;
        this.shuntOhms = shuntOhms;
        this.profile = profile;
        this.configWord = chip == Ina2xxChip.INA219 ? 0x399F : chip == Ina2xxChip.INA226 ? 0x4127 : 0x6127;
    }

    int configRegister() {
        return configWord;
    }

    int calibrationRegister() {
        return calibration;
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        if (length != 2) {
            return -1;
        }
        int word = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
        if (register == 0x00) {
            configWord = word;
            conversionsFrom = System.nanoTime(); // a config write restarts the conversion sequence
            acknowledged = 0;
        } else if (register == 0x05 && chip != Ina2xxChip.INA260) {
            calibration = chip == Ina2xxChip.INA219 ? word & 0xFFFE : word & 0x7FFF;
        } else {
            return -1;
        }
        return 2;
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        if (length != 2) {
            return -1;
        }
        int word = value(register, profile.apply(System.nanoTime()));
        if (word < 0) {
            return -1;
        }
        reads++;
        buffer[offset] = (byte) (word >> 8);
        buffer[offset + 1] = (byte) word;
        return 2;
    }

    /** Conversions completed since the last config write. */
    private long completed() {
        return (long) ((System.nanoTime() - conversionsFrom) / 1e3 / chip.conversionPeriodUs(configWord));
    }

    /** True once per completed conversion since the flag was last cleared; {@code clear}: reading clears it. */
    private boolean ready(boolean clear) {
        long done = completed();
        boolean ready = done > acknowledged;
        if (clear) {
            acknowledged = done;
        }
        return ready;
    }

    private int value(int register, Electrical e) {
        if (register == 0x00) {
            return configWord;
        }
        if (register == Ina2xxChip.MASK_ENABLE && chip != Ina2xxChip.INA219) {
            return ready(true) ? Ina2xxChip.CVRF : 0; // CVRF, cleared by this read
        }
        if (register == 0xFE && chip != Ina2xxChip.INA219) {
            return 0x5449;
        }
        return switch (chip) {
            case INA219 -> ina219(register, e);
            case INA226 -> ina226(register, e);
            case INA260 -> ina260(register, e);
        };
    }

    private int ina219(int register, Electrical e) {
        int shunt = (int) Math.round(e.currentA() * shuntOhms / 10e-6); // 10 uV LSB
        int bus = (int) Math.round(e.busV() / 0.004); // 4 mV LSB, register bits 15..3
        int current = (int) ((long) shunt * calibration / 4096);
        return switch (register) {
            case 0x01 -> shunt & 0xFFFF;
            case 0x02 -> (bus << 3) | (ready(false) ? 0x2 : 0); // CNVR: a conversion is ready
            case 0x03 -> {
                ready(true); // reading the power register clears CNVR
                yield (int) ((long) current * bus / 5000) & 0xFFFF;
            }
            case 0x04 -> current & 0xFFFF;
            case 0x05 -> calibration;
            default -> -1;
        };
    }

    private int ina226(int register, Electrical e) {
        int shunt = (int) Math.round(e.currentA() * shuntOhms / 2.5e-6); // 2.5 uV LSB
        int bus = (int) Math.round(e.busV() / 0.00125); // 1.25 mV LSB
        int current = (int) ((long) shunt * calibration / 2048);
        return switch (register) {
            case 0x01 -> shunt & 0xFFFF;
            case 0x02 -> bus;
            case 0x03 -> (int) ((long) current * bus / 20000) & 0xFFFF;
            case 0x04 -> current & 0xFFFF;
            case 0x05 -> calibration;
            case 0xFF -> 0x2260;
            default -> -1;
        };
    }

    private int ina260(int register, Electrical e) {
        return switch (register) {
            case 0x01 -> (int) Math.round(e.currentA() / 0.00125) & 0xFFFF; // 1.25 mA LSB
            case 0x02 -> (int) Math.round(e.busV() / 0.00125); // 1.25 mV LSB
            case 0x03 -> (int) (e.currentA() * e.busV() / 0.010); // 10 mW LSB
            case 0xFF -> 0x2270;
            default -> -1;
        };
    }

    /** A Pi4J I2C provider handing out one fake per create(). */
    static final class Provider extends MockI2CProviderImpl {
        private final Ina2xxChip chip;
        private final double shuntOhms;
        private final LongFunction<Electrical> profile;
        volatile Ina2xxRegisterFake last;

        Provider(String id, Ina2xxChip chip, double shuntOhms, LongFunction<Electrical> profile) {
            this.id = id;
            this.chip = chip;
            this.shuntOhms = shuntOhms;
            this.profile = profile;
        }

        @Override
        public I2C create(I2CConfig config) {
            last = new Ina2xxRegisterFake(this, config, chip, shuntOhms, profile);
            return last;
        }
    }
}

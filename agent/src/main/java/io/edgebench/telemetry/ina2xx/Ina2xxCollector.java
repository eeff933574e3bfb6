package io.edgebench.telemetry.ina2xx;

import com.pi4j.io.i2c.I2C;
import io.edgebench.config.DeviceProfile;
import io.edgebench.results.PowerAccuracy;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.DataRate;
import io.edgebench.telemetry.Quantity;
import java.io.IOException;
import java.util.List;

/**
 * One INA219/INA226/INA260 over I2C (Pi4J). Calibrates on construction, then reads bus voltage, current and the
 * chip's own power register on every sample (three 2-byte register reads).
 */
public final class Ina2xxCollector implements Collector {
    private final Ina2xxChip chip;
    private final I2C device;
    private final List<Channel> channels;
    private final double currentLsbA;
    private final double powerLsbW;
    private final int calibration;
    private final int config;
    private final byte[] word = new byte[2];
    private final AutoCloseable owner;
    private final double shuntOhms;
    /** The latest bus voltage read, for the offset in watts; 5 V (a Pi's supply) until the first read. */
    private volatile double busV = 5.0;

    /**
     * @param owner closed with this collector (the Pi4J context that created the device), may be null
     */
    public Ina2xxCollector(DeviceProfile.Ina2xx spec, I2C device, AutoCloseable owner) throws IOException {
        this.chip = Ina2xxChip.parse(spec.chip());
        this.device = device;
        this.owner = owner;
        this.currentLsbA = chip.currentLsbA(spec.maxCurrentA());
        this.powerLsbW = chip.powerLsbW(currentLsbA);
        this.calibration = chip.calibration(currentLsbA, spec.shuntOhms());
        this.shuntOhms = chip == Ina2xxChip.INA260 ? 0.002 : spec.shuntOhms();
        String id = "ina2xx/" + spec.label();
        this.channels = List.of(
                new Channel(id + "/bus", Quantity.VOLTAGE_V),
                new Channel(id + "/current", Quantity.CURRENT_A),
                new Channel(id + "/power", Quantity.POWER_W));
        checkIdentity(spec);
        int word = chip.configWord(spec.averages(), spec.conversionUs());
        if (word >= 0) {
            writeWord(Ina2xxChip.CONFIG, word);
        }
        this.config = word >= 0 ? word : Ina2xxChip.INA260_DEFAULT_CONFIG;
        if (calibration > 0) {
            writeWord(chip.calibrationRegister, calibration);
        }
    }

    private void checkIdentity(DeviceProfile.Ina2xx spec) throws IOException {
        if (chip.manufacturerIdRegister < 0) {
            return; // the INA219 has no ID register
        }
        int id = readWord(chip.manufacturerIdRegister);
        if (id != Ina2xxChip.TI_MANUFACTURER_ID) {
            throw new IOException(chip + " at " + spec.label() + " answered manufacturer ID [0x"
                    + Integer.toHexString(id) + "], expected 0x5449 (\"TI\"); wrong address or chip in the profile?");
        }
    }

    public int calibration() {
        return calibration;
    }

    public double currentLsbA() {
        return currentLsbA;
    }

    @Override
    public String source() {
        return "ina2xx";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public double powerResolutionW() {
        return powerLsbW;
    }

    @Override
    public PowerAccuracy powerAccuracy() {
        return chip.accuracy(shuntOhms, busV);
    }

    /**
     * Polls the conversion-ready flag for {@code budget} and counts completed conversions: the rate at which this
     * chip, as configured, has new values (INA226/INA260: CVRF in Mask/Enable, cleared by reading it; INA219: CNVR,
     * bit 1 of the bus register, cleared by reading the power register).
     */
    @Override
    public DataRate measureDataRate(java.time.Duration budget) throws IOException {
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        long conversions = 0;
        long polls = 0;
        long now = start;
        while (now < end && polls < 50_000_000L) {
            boolean ready;
            if (chip == Ina2xxChip.INA219) {
                ready = (readWord(chip.busRegister) & 0x2) != 0;
                if (ready) {
                    readWord(chip.powerRegister);
                }
            } else {
                ready = (readWord(Ina2xxChip.MASK_ENABLE) & Ina2xxChip.CVRF) != 0;
            }
            conversions += ready ? 1 : 0;
            polls++;
            now = System.nanoTime();
        }
        double periodUs = chip.conversionPeriodUs(config);
        String why = chip == Ina2xxChip.INA219
                ? String.format(java.util.Locale.ROOT, "INA219 conversions: %.0f us" + " bus + shunt", periodUs)
                : String.format(
                        java.util.Locale.ROOT,
                        "%s conversions: %d averages x (%d + %d)" + " us = %.0f Hz",
                        chip,
                        io.edgebench.config.DeviceProfile.Ina2xx.AVERAGES.get((config >> 9) & 7),
                        io.edgebench.config.DeviceProfile.Ina2xx.CONVERSION_US.get((config >> 6) & 7),
                        io.edgebench.config.DeviceProfile.Ina2xx.CONVERSION_US.get((config >> 3) & 7),
                        1e6 / periodUs);
        return new DataRate(
                conversions / ((now - start) * 1e-9), why + "; " + conversions + " ready flags in " + polls + " polls");
    }

    /** The config word in effect (written at start, or the INA260's power-on default). */
    public int config() {
        return config;
    }

    @Override
    public void read(double[] values) throws IOException {
        values[0] = chip.busVolts(readWord(chip.busRegister));
        busV = values[0];
        values[1] = (short) readWord(chip.currentRegister) * currentLsbA; // current register: two's complement
        values[2] = readWord(chip.powerRegister) * powerLsbW;
    }

    int readWord(int register) throws IOException {
        int n = device.readRegister(register, word, 0, 2);
        if (n != 2) {
            throw new IOException(chip + " register 0x" + Integer.toHexString(register) + ": read returned " + n
                    + " bytes, expected 2");
        }
        return ((word[0] & 0xFF) << 8) | (word[1] & 0xFF); // big-endian
    }

    private void writeWord(int register, int value) throws IOException {
        int n = device.writeRegister(register, new byte[] {(byte) (value >> 8), (byte) value}, 0, 2);
        if (n < 0) {
            throw new IOException(chip + " register 0x" + Integer.toHexString(register) + ": write failed (" + n + ")");
        }
    }

    @Override
    public void close() {
        device.close();
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception ignored) {
                // shutting down the Pi4J context only releases file descriptors
            }
        }
    }
}

package io.edgebench.telemetry.ina2xx;

import com.pi4j.io.i2c.I2C;
import io.edgebench.config.DeviceProfile;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
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
    private final byte[] word = new byte[2];
    private final AutoCloseable owner;

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
        String id = "ina2xx/" + spec.label();
        this.channels = List.of(new Channel(id + "/bus", Quantity.VOLTAGE_V),
                new Channel(id + "/current", Quantity.CURRENT_A), new Channel(id + "/power", Quantity.POWER_W));
        checkIdentity(spec);
        if (chip.configWord() >= 0) {
            writeWord(Ina2xxChip.CONFIG, chip.configWord());
        }
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
    public void read(double[] values) throws IOException {
        values[0] = chip.busVolts(readWord(chip.busRegister));
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

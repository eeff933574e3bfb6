package io.edgebench.telemetry.ina2xx;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.edgebench.config.DeviceProfile;
import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.SensorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Opens the INA2xx monitors a profile lists, through Pi4J's linuxfs I2C provider (/dev/i2c-N). Pi4J's
 * {@code raspberrypi-i2c} provider is a stub whose reads return 0 (STACK.md): a power monitor behind it would
 * report 0 W forever, so it is refused by name.
 */
public final class Ina2xxBus {
    static final String STUB_PROVIDER = "raspberrypi-i2c";

    private Ina2xxBus() {}

    /** A context with exactly the linuxfs I2C provider. */
    public static Context linuxContext() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(LinuxFsI2CProvider.newInstance())
                .build();
    }

    public static void probe(SystemRoots roots, List<DeviceProfile.Ina2xx> specs, SensorSet.Builder out) {
        for (DeviceProfile.Ina2xx spec : specs) {
            Path dev = roots.dev().resolve("i2c-" + spec.bus());
            if (!Files.exists(dev)) {
                out.absent("ina2xx", spec.label() + ": no " + dev + " (enable I2C, e.g. dtparam=i2c_arm=on)");
            } else if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
                out.absent(
                        "ina2xx",
                        "I2C bus [" + spec.bus() + "] exists but " + dev + " is not readable by user ["
                                + System.getProperty("user.name") + "]; add it to group \"i2c\"");
            } else {
                openOne(spec, Ina2xxBus::linuxContext, out);
            }
        }
    }

    /** Opens each spec with a fresh context from {@code contexts} (tests: a mock provider); no /dev checks. */
    public static void probe(List<DeviceProfile.Ina2xx> specs, Supplier<Context> contexts, SensorSet.Builder out) {
        specs.forEach(spec -> openOne(spec, contexts, out));
    }

    private static void openOne(DeviceProfile.Ina2xx spec, Supplier<Context> contexts, SensorSet.Builder out) {
        Context ctx = contexts.get();
        try {
            out.add(new Ina2xxCollector(spec, open(ctx, spec), ctx::shutdown));
        } catch (IOException | RuntimeException e) {
            ctx.shutdown();
            out.absent("ina2xx", spec.label() + ": " + e.getMessage());
        }
    }

    /** Opens one device, refusing the stub provider. */
    public static I2C open(Context ctx, DeviceProfile.Ina2xx spec) {
        I2CProvider provider = ctx.provider(IOType.I2C);
        requireRealProvider(provider.id());
        I2CConfig config = I2C.newConfigBuilder(ctx)
                .id("ina-" + spec.bus() + "-" + spec.address())
                .bus(spec.bus())
                .device(spec.address())
                .build();
        return provider.create(config);
    }

    static void requireRealProvider(String providerId) {
        if (STUB_PROVIDER.equals(providerId)) {
            throw new IllegalStateException("I2C provider [" + STUB_PROVIDER + "] is Pi4J's stub (every read returns"
                    + " 0, so power would read 0 W); expected [" + LinuxFsI2CProvider.ID + "]: put"
                    + " pi4j-plugin-linuxfs on the classpath and remove pi4j-plugin-raspberrypi");
        }
    }
}

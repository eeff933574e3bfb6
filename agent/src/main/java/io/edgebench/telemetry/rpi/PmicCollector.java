package io.edgebench.telemetry.rpi;

import io.edgebench.results.PowerAccuracy;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.CommandRunner;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raspberry Pi 5 PMIC rails via {@code vcgencmd pmic_read_adc}: the sum of V*I over every rail that reports both a
 * current ({@code NAME_A current(n)=...A}) and a voltage ({@code NAME_V volt(n)=...V}). The 5 V input branch
 * (EXT5V_V) has no current sensor, so USB peripherals (a Coral USB accelerator!) and the PMIC's own conversion
 * losses are NOT in this figure: it is the SoC-side rails only.
 */
public final class PmicCollector implements Collector {
    static final List<String> VCGENCMD = List.of("vcgencmd", "pmic_read_adc");
    private static final Pattern LINE =
            Pattern.compile("(\\S+)_([AV])\\s+(?:current|volt)\\(\\d+\\)=([-0-9.eE+]+)[AV]");
    private static final List<Channel> CHANNELS = List.of(new Channel("rpi_pmic/rails", Quantity.POWER_W));

    private final CommandRunner runner;

    private PmicCollector(CommandRunner runner) {
        this.runner = runner;
    }

    public static void probe(CommandRunner runner, SensorSet.Builder out) {
        try {
            double w = sumPowerW(runner.run(VCGENCMD, Duration.ofSeconds(2)));
            if (Double.isNaN(w)) {
                out.absent(
                        "rpi_pmic",
                        "vcgencmd pmic_read_adc printed no rail with both current and voltage"
                                + " (only the Raspberry Pi 5 has this PMIC)");
                return;
            }
            out.add(new PmicCollector(runner));
        } catch (IOException e) {
            out.absent("rpi_pmic", "vcgencmd pmic_read_adc failed (" + e.getMessage() + "); only the Pi 5 has it");
        }
    }

    /** Sum of V*I over rails with both readings; NaN when there are none. */
    static double sumPowerW(String output) {
        Map<String, Double> amps = new HashMap<>();
        Map<String, Double> volts = new HashMap<>();
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            (m.group(2).equals("A") ? amps : volts).put(m.group(1), Double.parseDouble(m.group(3)));
        }
        double sum = 0;
        int rails = 0;
        for (Map.Entry<String, Double> a : amps.entrySet()) {
            Double v = volts.get(a.getKey());
            if (v != null) {
                sum += v * a.getValue();
                rails++;
            }
        }
        return rails == 0 ? Double.NaN : sum;
    }

    @Override
    public String source() {
        return "rpi_pmic";
    }

    /**
     * Raspberry Pi publishes no accuracy for the Pi 5 PMIC's ADC (Renesas DA9091, read through pmic_read_adc): the
     * class is an assumption, stated as one, and the figure leaves out the 5 V input's conversion losses anyway.
     */
    @Override
    public PowerAccuracy powerAccuracy() {
        return ACCURACY;
    }

    static final PowerAccuracy ACCURACY = new PowerAccuracy(
            "Raspberry Pi 5 PMIC (DA9091 ADC)",
            10.0,
            0.1,
            "assumed: no published accuracy for pmic_read_adc; the SoC-side rails only, without the 5 V input's"
                    + " conversion losses");

    @Override
    public List<Channel> channels() {
        return CHANNELS;
    }

    /** A vcgencmd process per read: a few per second at most. */
    @Override
    public double maxRateHz() {
        return 4;
    }

    @Override
    public void read(double[] values) throws IOException {
        values[0] = sumPowerW(runner.run(VCGENCMD, Duration.ofSeconds(2)));
    }
}

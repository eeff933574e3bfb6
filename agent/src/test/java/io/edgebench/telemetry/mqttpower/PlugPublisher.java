package io.edgebench.telemetry.mqttpower;

import io.edgebench.testkit.TestClient;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import java.util.function.LongToDoubleFunction;

/**
 * A simulated smart plug: publishes a programmed power profile P(System.nanoTime()) on a real broker at a fixed rate,
 * in a vendor's message format. Its clock is simulated: tick k is "measured" at t0 + k / hz and, for Tasmota and
 * Shelly Gen2, stamped with plug time base + k / hz, so the truth over any window is the integral of the profile.
 */
final class PlugPublisher implements AutoCloseable {
    enum Format {
        TASMOTA,
        SHELLY_GEN1,
        SHELLY_GEN2
    }

    /** Plug clock at tick 0: an arbitrary local time (Tasmota prints local time without a zone). */
    static final long PLUG_EPOCH_S = LocalDateTime.of(2026, 12, 1, 10, 0, 0).toEpochSecond(ZoneOffset.UTC);

    static final int MAX_TICKS = 3600;

    private final TestClient client;
    private final Format format;
    private final String device;
    private final LongToDoubleFunction profile;
    private final long periodNanos;
    private final Thread thread;
    private volatile LongPredicate silent = t -> false;
    private volatile boolean running = true;
    private volatile int published;

    PlugPublisher(String url, Format format, String device, LongToDoubleFunction profileW, double hz) throws Exception {
        this.client = new TestClient(url);
        this.format = format;
        this.device = device;
        this.profile = profileW;
        this.periodNanos = Math.round(1e9 / hz);
        this.thread = new Thread(this::loop, "plug-" + device);
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on, ticks for which {@code when} holds are not published (the plug is silent). */
    void silentWhen(LongPredicate when) {
        this.silent = when;
    }

    int published() {
        return published;
    }

    private void loop() {
        long t0 = System.nanoTime();
        for (int k = 0; running && k < MAX_TICKS; k++) {
            long at = t0 + k * periodNanos;
            for (long left = at - System.nanoTime(); left > 0 && running; left = at - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            if (!running || silent.test(at)) {
                continue;
            }
            double plugS = PLUG_EPOCH_S + k * (periodNanos / 1e9);
            try {
                publish(profile.applyAsDouble(at), plugS, k);
                published++;
            } catch (Exception e) {
                // broker gone at the end of a test: the plug just goes quiet
            }
        }
    }

    private void publish(double powerW, double plugS, int k) throws Exception {
        String w = String.format(Locale.ROOT, "%.2f", powerW); // Tasmota WattRes 2, Shelly's two decimals
        switch (format) {
            case TASMOTA ->
                client.publish(
                        "tele/" + device + "/SENSOR",
                        "{\"Time\":\""
                                + LocalDateTime.ofEpochSecond((long) plugS, 0, ZoneOffset.UTC)
                                + "\",\"ENERGY\":{\"Total\":1.234,"
                                + "\"Power\":" + w + ",\"Voltage\":231}}",
                        null,
                        null);
            case SHELLY_GEN1 -> {
                client.publish("shellies/" + device + "/relay/0/power", w, null, null);
                if (k % 30 == 0) {
                    client.publish("shellies/" + device + "/relay/0/energy", Integer.toString(7000 + k), null, null);
                }
            }
            case SHELLY_GEN2 ->
                client.publish(
                        device + "/events/rpc",
                        String.format(
                                Locale.ROOT,
                                "{\"src\":\"%s\",\"dst\":\"%s/events\",\"method\":\"NotifyStatus\",\"params\":{\"ts\":%.2f,"
                                        + "\"switch:0\":{\"id\":0,\"apower\":%s}}}",
                                device,
                                device,
                                plugS,
                                w),
                        null,
                        null);
            default -> throw new IllegalStateException();
        }
    }

    /** Simpson's rule over [a, b] in mJ, 1 ms steps: the truth the measurement is held to. */
    static double energyMj(LongToDoubleFunction profileW, long a, long b) {
        int n = (int) Math.max(2, ((b - a) / 1_000_000L) & ~1L);
        double h = (b - a) / (double) n;
        double sum = profileW.applyAsDouble(a) + profileW.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * profileW.applyAsDouble(a + Math.round(i * h));
        }
        return sum * h / 3 * 1e-9 * 1e3;
    }

    @Override
    public void close() throws Exception {
        running = false;
        LockSupport.unpark(thread);
        thread.join(5_000);
        client.close();
    }
}

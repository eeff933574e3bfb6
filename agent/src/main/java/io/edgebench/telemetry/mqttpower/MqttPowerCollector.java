package io.edgebench.telemetry.mqttpower;

import io.edgebench.config.MqttPowerSpec;
import io.edgebench.link.BrokerLink;
import io.edgebench.link.PowerLinks;
import io.edgebench.results.PowerAccuracy;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.PushSource;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.Series;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Power (and an energy counter where the plug has one) from a smart plug's MQTT messages. The link's callback only
 * parses and enqueues; the sampler thread drains the queue into the series with each reading's own time
 * (see {@link PlugClock}). Owns its broker link: close() disconnects it.
 */
public final class MqttPowerCollector implements Collector, PushSource {
    static final Duration CONNECT_WAIT = Duration.ofSeconds(5);
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);
    /** Shelly Gen2 sends NotifyStatus on change only, and aenergy at least once a minute. */
    static final Duration CHANGE_DRIVEN_MAX_AGE = Duration.ofSeconds(70);

    static final Duration DEFAULT_BASELINE = Duration.ofSeconds(10);
    static final int INBOX = 10_000;
    private static final int INTERVALS = 64;

    private record Arrival(PlugFormat.Parsed parsed, long arrivalNanos) {}

    private final MqttPowerSpec spec;
    private final PlugFormat format;
    private final BrokerLink link;
    private final List<Channel> channels;
    private final PlugClock clock;
    private final long maxAgeNanos;
    private final ArrayBlockingQueue<Arrival> inbox = new ArrayBlockingQueue<>(INBOX);
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile String lastRejection;
    // sampler-thread state
    private long lastT = Long.MIN_VALUE;
    private double lastPowerW = Double.NaN;
    private long lastPowerT;
    private double lastCounterMj = Double.NaN;
    private double counterOffsetMj;
    private double resolutionW;
    private long accepted;
    private long stale;
    private final long[] intervals = new long[INTERVALS];
    private int intervalCount;
    private final double[] latest;
    private final List<Arrival> batch = new ArrayList<>();
    private long latestT = Long.MIN_VALUE;

    MqttPowerCollector(MqttPowerSpec spec, PlugFormat format, BrokerLink link) {
        this.spec = spec;
        this.format = format;
        this.link = link;
        String id = "mqtt_power/" + spec.label();
        List<Channel> ch = new ArrayList<>(List.of(new Channel(id + "/power", Quantity.POWER_W)));
        if (format.hasEnergy()) {
            ch.add(new Channel(id + "/energy", Quantity.ENERGY_MJ));
        }
        this.channels = List.copyOf(ch);
        this.latest = new double[channels.size()];
        Arrays.fill(latest, Double.NaN);
        Duration maxAge = spec.maxAgeS() != null
                ? Duration.ofMillis(Math.round(spec.maxAgeS() * 1000))
                : format.changeDriven() ? CHANGE_DRIVEN_MAX_AGE : DEFAULT_MAX_AGE;
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = new PlugClock(maxAgeNanos);
        this.resolutionW = spec.resolutionW() == null ? 0 : spec.resolutionW();
    }

    /**
     * Opens the plug's broker link, subscribes to its topics and waits (bounded) for the connection; a broker that
     * cannot be reached makes the source absent with why, never a collector that reads nothing.
     */
    public static void probe(MqttPowerSpec spec, PowerLinks links, SensorSet.Builder out) {
        PlugFormat format = PlugFormat.of(spec);
        BrokerLink link;
        try {
            link = links.open(spec);
        } catch (IOException | RuntimeException e) {
            out.absent("mqtt_power", spec.label() + ": " + e.getMessage());
            return;
        }
        MqttPowerCollector c = new MqttPowerCollector(spec, format, link);
        link.start(format.topics(), c.listener());
        try {
            if (!c.connected.await(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                link.close();
                out.absent(
                        "mqtt_power",
                        spec.label() + ": broker [" + spec.brokerUrl() + "] not reachable within "
                                + CONNECT_WAIT.toSeconds() + " s; check broker_url and that the broker runs");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close();
            out.absent("mqtt_power", spec.label() + ": interrupted while connecting");
            return;
        }
        out.add(c);
    }

    BrokerLink.Listener listener() {
        return new BrokerLink.Listener() {
            @Override
            public void onConnected() {
                connected.countDown();
            }

            @Override
            public void onMessage(BrokerLink.Inbound m) {
                long now = System.nanoTime();
                try {
                    PlugFormat.Parsed p = format.parse(m.topic(), m.payload());
                    if (p != null && !p.isEmpty() && !inbox.offer(new Arrival(p, now))) {
                        dropped.incrementAndGet(); // nobody drains (no run, no sensors read): keep the oldest
                    }
                } catch (IllegalArgumentException e) {
                    rejected.incrementAndGet();
                    lastRejection = e.getMessage();
                }
            }
        };
    }

    @Override
    public void drain(Series series) {
        process(series::add);
    }

    /** Moves what arrived into {@code sink} (times strictly increasing), keeping the latest fresh values. */
    private void process(RowSink sink) {
        batch.clear(); // reused: the sampler thread drains 20 times a second
        inbox.drainTo(batch);
        for (Arrival a : batch) {
            if (a.parsed().plugTimeS() != null) {
                clock.observe(a.parsed().plugTimeS(), a.arrivalNanos());
            }
        }
        for (Arrival a : batch) {
            PlugFormat.Parsed p = a.parsed();
            long t = p.plugTimeS() == null ? a.arrivalNanos() : clock.map(p.plugTimeS(), a.arrivalNanos());
            if (t == Long.MIN_VALUE) {
                stale++;
                continue;
            }
            if (t <= lastT) {
                t = lastT + 1_000; // same plug second twice (Tasmota's Time has 1 s steps): keep arrival order
            }
            double[] row = new double[channels.size()];
            Arrays.fill(row, Double.NaN);
            if (p.powerW() != null) {
                if (format.changeDriven() && !Double.isNaN(lastPowerW) && t - lastPowerT > 2_000_000) {
                    // a change-driven plug's value held until this change: a step, not a ramp
                    double[] hold = row.clone();
                    hold[0] = lastPowerW;
                    sink.add(t - 1_000_000, hold);
                }
                row[0] = p.powerW();
                noteInterval(t);
                lastPowerW = p.powerW();
                lastPowerT = t;
                if (spec.resolutionW() == null && (resolutionW == 0 || p.powerResolutionW() < resolutionW)) {
                    resolutionW = p.powerResolutionW(); // the finest step printed: "5" may be a stripped "5.00"
                }
            }
            if (p.energyMj() != null && channels.size() > 1) {
                row[1] = unwrap(p.energyMj());
            }
            sink.add(t, row);
            lastT = t;
            accepted++;
            for (int i = 0; i < row.length; i++) {
                if (!Double.isNaN(row[i])) {
                    latest[i] = row[i];
                }
            }
            latestT = t;
        }
    }

    /** A counter that goes down was reset (plug reboot, Tasmota EnergyTotal 0): continue from where it was. */
    private double unwrap(double counterMj) {
        if (!Double.isNaN(lastCounterMj) && counterMj < lastCounterMj) {
            counterOffsetMj += lastCounterMj;
        }
        lastCounterMj = counterMj;
        return counterMj + counterOffsetMj;
    }

    private void noteInterval(long t) {
        if (lastPowerT != 0 && t > lastPowerT) {
            intervals[intervalCount++ % INTERVALS] = t - lastPowerT;
        }
    }

    /** Median spacing of power readings, in seconds; NaN before two readings. */
    public double medianIntervalS() {
        int n = Math.min(intervalCount, INTERVALS);
        if (n == 0) {
            return Double.NaN;
        }
        long[] copy = Arrays.copyOf(intervals, n);
        Arrays.sort(copy);
        return copy[n / 2] * 1e-9;
    }

    @Override
    public double observedRateHz() {
        double s = medianIntervalS();
        return Double.isNaN(s) ? Double.NaN : 1 / s;
    }

    @Override
    public String source() {
        return "mqtt_power";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    /** Plugs print a few readings a second at most; the sampler drains the queue at this rate. */
    @Override
    public double maxRateHz() {
        return 20;
    }

    @Override
    public double powerResolutionW() {
        return resolutionW;
    }

    /**
     * Smart plugs (the Tasmota and Shelly presets, or any plug over MQTT) meter with single-phase energy chips:
     * HLW8012 and BL0937 (Sonoff POW, Shelly Plug S, most Tasmota plugs), ADE7953 (Shelly 2.5, Pro), BL0942. Their
     * datasheets specify the chip after calibration (about 0.1-1 % of reading over a 1000:1 range); what a plug
     * reads at a few watts is set by its calibration (Tasmota's PowerSet) and shunt, which nobody specifies. The
     * class is therefore an assumption, stated as one: 2 % of reading and 0.5 W. Calibrate the plug against a
     * reference meter at your board's load for better.
     */
    @Override
    public PowerAccuracy powerAccuracy() {
        return PLUG_ACCURACY;
    }

    static final PowerAccuracy PLUG_ACCURACY = new PowerAccuracy(
            "smart plug (HLW8012/BL0937/ADE7953/BL0942)",
            2.0,
            0.5,
            "assumed: chip datasheets give 0.1-1 % after calibration; a plug's calibration and shunt at a few"
                    + " watts are unspecified (docs/telemetry.md, accuracy classes)");

    /** Outside a sampled run (edgebench sensors): the latest reading, or NaN once it is older than max age. */
    @Override
    public void read(double[] values) {
        process((t, row) -> {});
        boolean fresh = latestT != Long.MIN_VALUE && System.nanoTime() - latestT <= maxAgeNanos;
        for (int i = 0; i < values.length; i++) {
            values[i] = fresh ? latest[i] : Double.NaN;
        }
    }

    @Override
    public Duration maxSilence() {
        return Duration.ofNanos(maxAgeNanos);
    }

    @Override
    public Duration minBaseline() {
        return spec.baselineS() != null ? Duration.ofMillis(Math.round(spec.baselineS() * 1000)) : DEFAULT_BASELINE;
    }

    /**
     * The clock offset's spread, the plug's timestamp step (Tasmota prints whole seconds), and the interval a reading
     * may stand for (a plug's power is an average over its last measuring period), as one standard uncertainty.
     */
    @Override
    public double timingUncertaintyS() {
        double step = spec.timeFormat() != null && spec.timeFormat().equals("iso_local")
                        || format.preset().equals("tasmota")
                ? 1.0
                : 0;
        double interval = Double.isNaN(medianIntervalS()) ? 1.0 : medianIntervalS();
        double lag = clock.lagStdS();
        return Math.sqrt(lag * lag + step * step / 12 + interval * interval / 12);
    }

    @Override
    public List<String> notes() {
        double interval = medianIntervalS();
        String rate = Double.isNaN(interval)
                ? "rate unknown (fewer than 2 readings)"
                : String.format(Locale.ROOT, "%.2f Hz", 1 / interval);
        List<String> out = new ArrayList<>();
        out.add(String.format(
                Locale.ROOT,
                "%s on %s: %d readings, %s, resolution %s W",
                spec.label(),
                String.join(" + ", format.topics()),
                accepted,
                rate,
                resolutionW == 0 ? "unknown" : fmt(resolutionW)));
        if (rejected.get() > 0) {
            out.add(spec.label() + ": " + rejected.get() + " payloads rejected, last: " + lastRejection);
        }
        if (stale > 0 || dropped.get() > 0) {
            out.add(spec.label() + ": " + stale + " stale readings dropped (older than " + maxAgeNanos / 1_000_000_000.0
                    + " s), " + dropped.get() + " lost to a full queue"
                    + (clock.jumps() > 0 ? ", plug clock jumped " + clock.jumps() + " times" : ""));
        }
        return out;
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(2))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The spec this collector reads. */
    public MqttPowerSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        link.close();
    }

    @FunctionalInterface
    private interface RowSink {
        void add(long t, double[] row);
    }
}

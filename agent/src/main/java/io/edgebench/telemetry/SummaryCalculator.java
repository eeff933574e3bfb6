package io.edgebench.telemetry;

import io.edgebench.config.DeviceProfile;
import io.edgebench.results.EnergyReport;
import io.edgebench.results.TelemetrySummary;
import io.edgebench.telemetry.rpi.ThrottleFlags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the sampled series into a {@link TelemetrySummary} for the timed window: temperatures at the edges and
 * their peak, board power (idle baseline, mean, max), energy over exactly the window (counter deltas when the power
 * source has energy counters, else the trapezoid integral of power interpolated at the window edges), throttling,
 * CPU frequency range, and a downsampled trace.
 */
final class SummaryCalculator {
    static final int TRACE_POINTS = 100;
    static final long MIN_SLOPE_SPAN_NANOS = 5_000_000L;

    /** Board power over time; {@code energy} is the counter when the source has one (then power is its slope). */
    record Power(String source, Track power, Track energy, Collector collector) {}

    private final Sampler sampler;
    private final DeviceProfile profile;
    private final long ws;
    private final long we;
    private final List<String> reasons = new ArrayList<>();
    private int throttleEvents;

    private SummaryCalculator(Sampler sampler, DeviceProfile profile, long ws, long we) {
        this.sampler = sampler;
        this.profile = profile;
        this.ws = ws;
        this.we = we;
    }

    /**
     * @param afterStart and {@code afterEnd}: the idle baseline after the run (equal when there was none), whose
     *     difference from the one before is the idle drift the net-of-idle energy includes
     */
    static TelemetrySummary summarize(
            Sampler sampler,
            DeviceProfile profile,
            double sampleHz,
            long baselineStart,
            long baselineEnd,
            long ws,
            long we,
            long afterStart,
            long afterEnd,
            long inferences,
            List<Absent> absent) {
        if (we <= ws) {
            throw new IllegalArgumentException("window end [" + we + "] must be after window start [" + ws + "]");
        }
        SummaryCalculator c = new SummaryCalculator(sampler, profile, ws, we);
        List<String> absentOut =
                new ArrayList<>(absent.stream().map(Absent::toString).toList());
        sampler.problems().forEach(p -> absentOut.add(p.toString()));
        Map<String, TelemetrySummary.TempSpan> temps = c.temperatures();
        Power power = c.power();
        TelemetrySummary.PowerW powerW = null;
        TelemetrySummary.EnergyMj energy = null;
        EnergyReport report = null;
        c.silentPushSources(power).forEach(absentOut::add);
        if (power == null) {
            absentOut.add("power: no power or energy reading on this machine (looked for "
                    + String.join(", ", DeviceProfile.POWER_SOURCES) + "); energy is not reported");
        } else {
            double windowS = (we - ws) * 1e-9;
            double totalMj = power.energy() != null
                    ? power.energy().at(we) - power.energy().at(ws)
                    : power.power().integral(ws, we) * 1e-6; // W*ns = 1e-9 J = 1e-6 mJ
            Double idleW = idle(power, baselineStart, baselineEnd);
            Double idleAfterW = afterEnd > afterStart ? idle(power, afterStart, afterEnd) : null;
            powerW = new TelemetrySummary.PowerW(
                    idleW,
                    totalMj * 1e-3 / windowS,
                    power.power().isEmpty()
                            ? totalMj * 1e-3 / windowS
                            : power.power().max(ws, we));
            report = EnergyEstimator.estimate(
                    EnergyEstimator.Source.of(power.collector(), sampleHz),
                    power.power(),
                    power.energy() != null,
                    baselineStart,
                    baselineEnd,
                    ws,
                    we,
                    inferences,
                    totalMj,
                    idleW,
                    idleAfterW);
            if (inferences > 0 && report.valid()) {
                Double net = report.energyPerInferenceNetOfIdleMj();
                energy = new TelemetrySummary.EnergyMj(totalMj, totalMj / inferences, net);
            } else if (inferences <= 0) {
                absentOut.add("energy: no inference finished in the window, so there is no energy per inference");
            }
        }
        c.throttling();
        c.acceleratorClock();
        c.startTemperature(temps);
        TelemetrySummary.FreqMhz freq = c.cpuFreq();
        List<String> sources =
                sampler.collectors().stream().map(Collector::source).distinct().toList();
        TelemetrySummary.Builder b = TelemetrySummary.builder()
                .sampled(sampleHz, c.samplesInWindow())
                .tempC(temps)
                .power(powerW, energy)
                .throttleEvents(c.throttleEvents)
                .cpuFreqMhz(freq)
                .sources(sources)
                .trace(c.trace(power, temps))
                .energy(report);
        absentOut.forEach(b::absent);
        c.reasons.forEach(b::invalidReason);
        return b.build();
    }

    /** Pushed sources (plugs) that delivered nothing usable, with their own account of the feed. */
    private List<String> silentPushSources(Power chosen) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sampler.collectors().size(); i++) {
            Collector col = sampler.collectors().get(i);
            if (col instanceof PushSource p
                    && (chosen == null || chosen.collector() != col)
                    && Track.of(sampler.series(i), columns(sampler.series(i), Quantity.POWER_W))
                            .isEmpty()) {
                out.add(col.source() + ": no power reading arrived during the run (" + String.join("; ", p.notes())
                        + ")");
            }
        }
        return out;
    }

    /**
     * The energy report of the window so far, [ws, now] cut at the power source's latest sample, for the bench
     * runner's --energy-accuracy check. Call on the sampler thread ({@link Sampler#onSamplerThread}). Null without a
     * power source or before its first sample in the window.
     */
    static EnergyReport live(
            Sampler sampler,
            DeviceProfile profile,
            double sampleHz,
            long bs,
            long be,
            long ws,
            long now,
            long inferences) {
        SummaryCalculator c = new SummaryCalculator(sampler, profile, ws, now);
        Power power = c.power();
        if (power == null || power.power().isEmpty()) {
            return null;
        }
        Track track = power.energy() != null ? power.energy() : power.power();
        long we = Math.min(now, track.t[track.t.length - 1]);
        if (we <= ws) {
            return null;
        }
        double totalMj = power.energy() != null
                ? power.energy().at(we) - power.energy().at(ws)
                : power.power().integral(ws, we) * 1e-6;
        long runs = Math.max(1, Math.round(inferences * (double) (we - ws) / (now - ws)));
        return EnergyEstimator.estimate(
                EnergyEstimator.Source.of(power.collector(), sampleHz),
                power.power(),
                power.energy() != null,
                bs,
                be,
                ws,
                we,
                runs,
                totalMj,
                idle(power, bs, be),
                null);
    }

    /** Mean power over the baseline, from its first sample on (sampling starts just after begin()). */
    private static Double idle(Power p, long bs, long be) {
        Track track = p.energy() != null ? p.energy() : p.power();
        if (track.isEmpty()) {
            return null;
        }
        long from = Math.max(bs, track.t[0]);
        if (be <= from) {
            return null;
        }
        if (p.energy() != null) {
            return (track.at(be) - track.at(from)) * 1e-3 / ((be - from) * 1e-9);
        }
        return track.integral(from, be) / (be - from);
    }

    /** The board's power source among the sampler's, as a bench run's summary chooses it; null when none read. */
    static Power power(Sampler sampler, DeviceProfile profile) {
        return new SummaryCalculator(sampler, profile, 0, 1).power();
    }

    Power power() {
        for (String source : DeviceProfile.powerOrder(profile == null ? null : profile.powerSource())) {
            for (int i = 0; i < sampler.collectors().size(); i++) {
                if (!sampler.collectors().get(i).source().equals(source)) {
                    continue;
                }
                Collector col = sampler.collectors().get(i);
                Series s = sampler.series(i);
                int[] energy = columns(s, Quantity.ENERGY_MJ);
                int[] power = columns(s, Quantity.POWER_W);
                if (col instanceof PushSource && power.length > 0) {
                    // a plug's counter steps by 1 Wh or 1 Wmin: its power readings resolve a run far better
                    Track w = Track.of(s, power);
                    if (!w.isEmpty()) {
                        return new Power(source, w, null, col);
                    }
                } else if (energy.length > 0) {
                    Track e = Track.of(s, energy);
                    if (e.t.length >= 2) {
                        return new Power(source, slope(e), e, col);
                    }
                } else if (power.length > 0) {
                    Track w = Track.of(s, power);
                    if (!w.isEmpty()) {
                        return new Power(source, w, null, col);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Power from an energy counter: the slope over spans of at least {@link #MIN_SLOPE_SPAN_NANOS}, placed at each
     * span's midpoint. Shorter spans are merged: RAPL updates about every millisecond, and over a few microseconds
     * (e.g. the final read at stop()) timestamp jitter would dominate the slope.
     */
    private static Track slope(Track e) {
        int n = e.t.length;
        long[] t = new long[n];
        double[] v = new double[n];
        int out = 0;
        int from = 0;
        for (int i = 1; i < n; i++) {
            if (e.t[i] - e.t[from] >= MIN_SLOPE_SPAN_NANOS || (i == n - 1 && out == 0)) {
                t[out] = e.t[from] + (e.t[i] - e.t[from]) / 2;
                v[out++] = (e.v[i] - e.v[from]) * 1e-3 / ((e.t[i] - e.t[from]) * 1e-9);
                from = i;
            }
        }
        return Track.of(java.util.Arrays.copyOf(t, out), java.util.Arrays.copyOf(v, out));
    }

    private Map<String, TelemetrySummary.TempSpan> temperatures() {
        Map<String, TelemetrySummary.TempSpan> out = new LinkedHashMap<>();
        forEach(
                Quantity.TEMP_C,
                (id, t) -> out.put(id, new TelemetrySummary.TempSpan(t.at(ws), t.max(ws, we), t.at(we))));
        return out.isEmpty() ? null : out;
    }

    private TelemetrySummary.FreqMhz cpuFreq() {
        double[] mm = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        forEach(Quantity.CPU_FREQ_MHZ, (id, t) -> {
            mm[0] = Math.min(mm[0], t.min(ws, we));
            mm[1] = Math.max(mm[1], t.max(ws, we));
        });
        return mm[0] == Double.POSITIVE_INFINITY ? null : new TelemetrySummary.FreqMhz(mm[0], mm[1]);
    }

    /** Firmware throttle flags: "now" bits seen from the window start on, and sticky bits that appeared in it. */
    private void throttling() {
        forEach(Quantity.THROTTLE_FLAGS, (id, t) -> {
            int i = Math.max(0, t.floor(ws));
            long start = (long) t.v[i];
            long prev = start;
            long seen = start & 0xF;
            int events = (start & 0xF) != 0 ? 1 : 0;
            // up to and including the first sample after the window: sticky bits there may stem from inside it
            for (i = i + 1; i < t.t.length; i++) {
                long bits = (long) t.v[i];
                events += ((bits & 0xF) & ~(prev & 0xF)) != 0 ? 1 : 0;
                seen |= bits;
                prev = bits;
                if (t.t[i] > we) {
                    break;
                }
            }
            long newSticky = ((prev >>> ThrottleFlags.STICKY_SHIFT) & ~(start >>> ThrottleFlags.STICKY_SHIFT)) & 0xF;
            long conditions = (seen & 0xF) | newSticky;
            if (events == 0 && newSticky != 0) {
                events = 1;
            }
            throttleEvents += events;
            String hex = "0x" + Long.toHexString(seen | (prev & (0xFL << ThrottleFlags.STICKY_SHIFT)));
            if ((conditions & ThrottleFlags.UNDER_VOLTAGE) != 0) {
                reasons.add("under-voltage during run (get_throttled=" + hex + ")");
            }
            long capped = conditions & ~ThrottleFlags.UNDER_VOLTAGE;
            if (capped != 0) {
                reasons.add("throttled during run (get_throttled=" + hex + ": " + ThrottleFlags.describe(capped) + ")");
            }
        });
    }

    private void acceleratorClock() {
        forEach(Quantity.ACCEL_CLOCK_MHZ, (id, t) -> {
            double min = t.min(ws, we);
            if (min < 500) {
                throttleEvents++;
                reasons.add(String.format(
                        Locale.ROOT,
                        "Edge TPU clock reduced during run (%s down to %.1f MHz:" + " a thermal trip point was passed)",
                        id,
                        min));
            }
        });
    }

    private void startTemperature(Map<String, TelemetrySummary.TempSpan> temps) {
        Double limit = profile == null ? null : profile.thermal().maxStartC();
        if (limit == null || temps == null) {
            return;
        }
        temps.entrySet().stream()
                .max(Map.Entry.comparingByValue((a, b) -> Double.compare(a.start(), b.start())))
                .filter(e -> e.getValue().start() > limit)
                .ifPresent(e -> reasons.add(String.format(
                        Locale.ROOT,
                        "start temperature %.1f C (%s) above the"
                                + " profile's limit %.1f C (%s); cool down first (--cooldown-to-c)",
                        e.getValue().start(),
                        e.getKey(),
                        limit,
                        profile.name())));
    }

    private long samplesInWindow() {
        long max = 0;
        for (int i = 0; i < sampler.collectors().size(); i++) {
            Series s = sampler.series(i);
            max = Math.max(max, s.floor(we) - s.floor(ws));
        }
        return max;
    }

    private List<Map<String, Object>> trace(Power power, Map<String, TelemetrySummary.TempSpan> temps) {
        List<Track> zones = new ArrayList<>();
        forEach(Quantity.TEMP_C, (id, t) -> zones.add(t));
        List<Track> freqs = new ArrayList<>();
        forEach(Quantity.CPU_FREQ_MHZ, (id, t) -> freqs.add(t));
        List<Track> util = new ArrayList<>();
        forEach(Quantity.CPU_UTIL_PCT, (id, t) -> util.add(t));
        if (zones.isEmpty() && freqs.isEmpty() && util.isEmpty() && power == null) {
            return List.of();
        }
        int n = (int) Math.max(2, Math.min(TRACE_POINTS, samplesInWindow()));
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long x = ws + Math.round((we - ws) * (double) k / (n - 1));
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t_ms", (x - ws) / 1e6);
            if (power != null && !power.power().isEmpty()) {
                point.put("power_w", power.power().at(x));
            }
            if (!zones.isEmpty()) {
                point.put(
                        "temp_c", zones.stream().mapToDouble(z -> z.at(x)).max().orElseThrow());
            }
            if (!freqs.isEmpty()) {
                point.put(
                        "cpu_freq_mhz",
                        freqs.stream().mapToDouble(f -> f.at(x)).max().orElseThrow());
            }
            if (!util.isEmpty()) {
                point.put("cpu_util_pct", util.get(0).at(x));
            }
            out.add(point);
        }
        return out;
    }

    private void forEach(Quantity q, java.util.function.BiConsumer<String, Track> action) {
        for (int i = 0; i < sampler.collectors().size(); i++) {
            Series s = sampler.series(i);
            for (int c = 0; c < s.channels().size(); c++) {
                if (s.channels().get(c).quantity() == q) {
                    Track t = Track.of(s, c);
                    if (!t.isEmpty()) {
                        action.accept(s.channels().get(c).id(), t);
                    }
                }
            }
        }
    }

    private static int[] columns(Series s, Quantity q) {
        return java.util.stream.IntStream.range(0, s.channels().size())
                .filter(c -> s.channels().get(c).quantity() == q)
                .toArray();
    }
}

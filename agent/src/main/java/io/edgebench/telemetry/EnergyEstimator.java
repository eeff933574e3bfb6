package io.edgebench.telemetry;

import io.edgebench.results.EnergyReport;
import io.edgebench.results.PowerAccuracy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the {@link EnergyReport} of one window from the chosen power source: where the source was silent (gaps make
 * the energy invalid), energy per inference with its 95 % uncertainty ({@link EnergyUncertainty}), and the same net of
 * the idle baseline, whose spread adds to the uncertainty.
 */
final class EnergyEstimator {
    /** Fewer power readings than this inside the window: the spread between samples cannot be estimated. */
    static final int MIN_READINGS = 3;
    /** A sampled (not pushed) source silent this long, or 5 sample periods, has a gap. */
    static final Duration SAMPLED_MAX_SILENCE = Duration.ofSeconds(1);

    /** What the estimator needs to know about the source besides its samples. */
    record Source(
            String name,
            String detail,
            double resolutionW,
            double counterStepMj,
            double timingS,
            Duration maxSilence,
            PowerAccuracy accuracy) {
        static Source of(Collector c, double sampleHz) {
            if (c instanceof PushSource p) {
                return new Source(
                        c.source(),
                        String.join("; ", p.notes()),
                        c.powerResolutionW(),
                        0,
                        p.timingUncertaintyS(),
                        p.maxSilence(),
                        c.powerAccuracy());
            }
            long periodNanos = Math.round(5e9 / Math.min(sampleHz, c.maxRateHz()));
            Duration silence = Duration.ofNanos(Math.max(SAMPLED_MAX_SILENCE.toNanos(), periodNanos));
            return new Source(
                    c.source(), null, c.powerResolutionW(), c.energyResolutionMj(), 0, silence, c.powerAccuracy());
        }
    }

    private EnergyEstimator() {}

    /**
     * @param power the source's power track (the counter's slope for counter sources)
     * @param counter true when {@code totalMj} comes from an energy counter
     * @param idleW mean power over the baseline before the run, or null
     * @param idleAfterW mean power over a baseline after the run, or null: the net figure then subtracts the mean of
     *     the two, and its interval includes their difference (the drift) as a rectangular error
     */
    static EnergyReport estimate(
            Source src,
            Track power,
            boolean counter,
            long bs,
            long be,
            long ws,
            long we,
            long inferences,
            double totalMj,
            Double idleW,
            Double idleAfterW) {
        double windowS = (we - ws) * 1e-9;
        List<EnergyReport.Gap> gaps = gaps(power, ws, we, src.maxSilence().toNanos());
        List<String> reasons = new ArrayList<>();
        for (EnergyReport.Gap g : gaps) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "no power data from %.1f s to %.1f s of the %.1f s window (%s"
                            + " silent for more than %s s); energy is not reported",
                    g.fromS(),
                    g.toS(),
                    windowS,
                    src.name(),
                    num(src.maxSilence().toMillis() / 1000.0)));
        }
        if (inferences <= 0) {
            reasons.add("no inference finished in the window");
        }
        int inside = power.countIn(ws, we);
        Double rate = rateHz(power, ws, we);
        Double idleSpread = spread(power, bs, be);
        EnergyReport.Builder report = EnergyReport.builder(src.name(), counter ? "counter" : "power_integral")
                .detail(src.detail())
                .gaps(gaps)
                .samples(inside, rate, src.resolutionW(), idleSpread)
                .confidencePct(EnergyUncertainty.CONFIDENCE_PCT)
                .sourceAccuracy(src.accuracy())
                .idleDriftW(idleW == null || idleAfterW == null ? null : idleAfterW - idleW);
        if (!reasons.isEmpty()) {
            reasons.forEach(report::invalid);
            return report.build();
        }
        double perInf = totalMj / inferences;
        EnergyUncertainty.Part sampling =
                counter ? EnergyUncertainty.Part.ZERO : EnergyUncertainty.sampling(power, ws, we);
        // a counter's two readings each carry half a step of quantisation: step / sqrt(6)
        EnergyUncertainty.Part res = counter
                ? new EnergyUncertainty.Part(src.counterStepMj() / Math.sqrt(6), Double.POSITIVE_INFINITY)
                : EnergyUncertainty.resolution(src.resolutionW(), windowS);
        EnergyUncertainty.Part timing = EnergyUncertainty.timing(power, ws, we, src.timingS());
        boolean known = counter || inside >= MIN_READINGS;
        // The source's own errors, fully correlated over the window: gain scales the whole energy, offset adds a
        // constant power. Both are type B (infinite degrees of freedom).
        EnergyUncertainty.Part gain =
                new EnergyUncertainty.Part(Math.abs(totalMj) * src.accuracy().gainU(), Double.POSITIVE_INFINITY);
        EnergyUncertainty.Part offset =
                new EnergyUncertainty.Part(src.accuracy().offsetU() * windowS * 1e3, Double.POSITIVE_INFINITY);
        EnergyUncertainty.Combined total = EnergyUncertainty.combine(sampling, res, timing, gain, offset);
        Double uPerInf = known ? total.expanded() / inferences : null;
        Double idleMeanW = idleW == null ? null : idleAfterW == null ? idleW : (idleW + idleAfterW) / 2;
        Double net = idleMeanW == null ? null : (totalMj - idleMeanW * windowS * 1e3) / inferences;
        Double uNet = null;
        int idleN = power.countIn(bs, be);
        if (known && net != null && idleSpread != null && idleN >= 2) {
            EnergyUncertainty.Part idle =
                    new EnergyUncertainty.Part(idleSpread / Math.sqrt(idleN) * windowS * 1e3, idleN - 1);
            // The offset is in the run's readings and the idle readings alike and cancels; the gain scales the
            // difference. The idle power may have drifted anywhere between before and after: rectangular, its
            // full width the drift.
            EnergyUncertainty.Part netGain = new EnergyUncertainty.Part(
                    Math.abs(net * inferences) * src.accuracy().gainU(), Double.POSITIVE_INFINITY);
            double driftW = idleAfterW == null ? 0 : Math.abs(idleAfterW - idleW);
            EnergyUncertainty.Part drift =
                    new EnergyUncertainty.Part(driftW / Math.sqrt(12) * windowS * 1e3, Double.POSITIVE_INFINITY);
            uNet = EnergyUncertainty.combine(sampling, res, timing, idle, netGain, drift)
                            .expanded()
                    / inferences;
        }
        return report.perInference(perInf, uPerInf).netOfIdle(net, uNet).build();
    }

    /** Stretches of [ws, we] longer than maxSilence without a sample, in seconds from ws. */
    static List<EnergyReport.Gap> gaps(Track p, long ws, long we, long maxSilence) {
        List<EnergyReport.Gap> out = new ArrayList<>();
        int i = p.floor(ws);
        long prev = i >= 0 ? p.t[i] : ws;
        for (int k = Math.max(0, i + 1); k <= p.t.length; k++) {
            long next = k < p.t.length ? p.t[k] : Long.MAX_VALUE;
            long to = Math.min(next, we);
            if (to - prev > maxSilence && to > ws) {
                out.add(new EnergyReport.Gap(round1((Math.max(prev, ws) - ws) * 1e-9), round1((to - ws) * 1e-9)));
            }
            if (next >= we) {
                break;
            }
            prev = next;
        }
        return out;
    }

    /** Median sample rate around the window, or null with fewer than two samples. */
    private static Double rateHz(Track p, long ws, long we) {
        int from = Math.max(0, p.floor(ws));
        int to = Math.min(p.t.length - 1, p.floor(we) + 1);
        if (to - from < 1) {
            return null;
        }
        long[] d = new long[to - from];
        for (int i = from; i < to; i++) {
            d[i - from] = p.t[i + 1] - p.t[i];
        }
        Arrays.sort(d);
        long median = d[d.length / 2];
        return median <= 0 ? null : Math.round(1e9 / median * 1000) / 1000.0;
    }

    /** Sample standard deviation of power over the baseline, or null with fewer than two samples. */
    private static Double spread(Track p, long bs, long be) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int i = 0; i < p.t.length; i++) {
            if (p.t[i] >= bs && p.t[i] <= be) {
                sum += p.v[i];
                sq += p.v[i] * p.v[i];
                n++;
            }
        }
        if (n < 2) {
            return null;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

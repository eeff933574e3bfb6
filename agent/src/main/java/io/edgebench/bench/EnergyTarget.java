package io.edgebench.bench;

import io.edgebench.results.EnergyReport;
import io.edgebench.telemetry.RunTelemetry;
import java.util.Locale;

/**
 * --energy-accuracy: holds the timed window open until energy per inference is known to the target (its 95 %
 * uncertainty at most that share of the value), and says afterwards whether it was. Asked by the worker session
 * about once a second; the estimate runs on the sampler thread over the samples so far.
 */
final class EnergyTarget implements io.edgebench.worker.WorkerSession.StopGate {
    /** Readings inside the window before the target may count as met: a 1 Hz plug runs at least 10 s. */
    static final int MIN_READINGS = 10;

    private final RunTelemetry telemetry;
    private final double targetPct;

    EnergyTarget(RunTelemetry telemetry, double targetPct) {
        this.telemetry = telemetry;
        this.targetPct = targetPct;
    }

    /**
     * Stops the window a margin inside the target: the final report covers a slightly longer window than the one
     * judged here (the runs in flight, the last reading), and stopping exactly at the target once ended at 5.00x %
     * for a 5 % target, reported as not reached.
     */
    static final double STOP_MARGIN = 0.9;

    @Override
    public boolean reached(long runsDone, long runStartNanos) {
        return runsDone > 0
                && met(telemetry.energySoFar(runStartNanos, runsDone), targetPct * STOP_MARGIN, MIN_READINGS + 1);
    }

    private boolean met(EnergyReport e) {
        return met(e, targetPct, MIN_READINGS);
    }

    /**
     * @param readings the readings needed; the stop gate asks for one more than the final report, whose window can
     *     count one reading fewer than the one judged while running (a reading at the window's edge)
     */
    private static boolean met(EnergyReport e, double pct, int readings) {
        return e != null
                && e.valid()
                && e.relativeUncertaintyPct() != null
                && e.powerReadings() >= readings
                && e.relativeUncertaintyPct() <= pct;
    }

    /**
     * The outcome for the final report of the window.
     *
     * @param meanPowerW the window's mean power, to tell a resolution that no length can beat
     */
    EnergyReport.Accuracy outcome(EnergyReport e, Double meanPowerW, double windowS, double maxSeconds) {
        String target = num(targetPct) + " %";
        if (e == null) {
            return new EnergyReport.Accuracy(
                    targetPct,
                    false,
                    "target " + target + " not reached: no power source" + " measured energy (see absent)");
        }
        if (!e.valid()) {
            return new EnergyReport.Accuracy(
                    targetPct,
                    false,
                    "target " + target + " not reached: energy is invalid (" + String.join("; ", e.invalidReasons())
                            + ")");
        }
        String after = String.format(Locale.ROOT, "after %.1f s", windowS);
        if (met(e)) {
            return new EnergyReport.Accuracy(
                    targetPct,
                    true,
                    String.format(
                            Locale.ROOT,
                            "energy per inference known to %.2f %% (target %s) %s, %d power readings",
                            e.relativeUncertaintyPct(),
                            target,
                            after,
                            e.powerReadings()));
        }
        StringBuilder why = new StringBuilder("target " + target + " not reached: ");
        why.append(
                        e.relativeUncertaintyPct() == null
                                ? "uncertainty unknown"
                                : String.format(Locale.ROOT, "%.2f %%", e.relativeUncertaintyPct()))
                .append(' ')
                .append(after);
        why.append(
                e.powerReadings() < MIN_READINGS
                        ? String.format(
                                Locale.ROOT,
                                " (%d power readings, at least %d needed; max_seconds %s)",
                                e.powerReadings(),
                                MIN_READINGS,
                                num(maxSeconds))
                        : String.format(
                                Locale.ROOT,
                                " (%d power readings; max_seconds %s)",
                                e.powerReadings(),
                                num(maxSeconds)));
        if (meanPowerW != null && meanPowerW > 0 && e.resolutionW() > 0) {
            double floorPct = 1.96 * e.resolutionW() / Math.sqrt(12) / meanPowerW * 100;
            if (floorPct > targetPct) {
                why.append(String.format(
                        Locale.ROOT,
                        "; the source's %s W resolution alone gives %.1f %% at %.2f W," + " whatever the length",
                        num(e.resolutionW()),
                        floorPct,
                        meanPowerW));
            }
        }
        return new EnergyReport.Accuracy(targetPct, false, why.toString());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}

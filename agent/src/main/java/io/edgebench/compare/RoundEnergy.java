package io.edgebench.compare;

import io.edgebench.results.PowerAccuracy;
import io.edgebench.stats.RatioEstimate;
import io.edgebench.telemetry.RoundPower;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Each lane's energy per inference in each interleaved round: the board's energy in the round's window (from
 * {@link RoundPower}) over the inferences the round ran. It is gross board energy: idle power and the other lanes'
 * idle workers are in every window alike. Either every round of every lane resolves, or the axis is "not measured"
 * with the numbers that say why ({@link #notResolvable()}).
 *
 * @param source the board's power source as sampled
 * @param mj per lane (null where a lane ran no round), per worker process, each round's energy in mJ
 * @param seconds the same rounds' window lengths
 * @param inferences the same rounds' inference counts
 * @param notResolvable the "not measured" line when some round did not resolve; null when all did
 */
record RoundEnergy(
        RoundPower.Source source,
        List<List<double[]>> mj,
        List<List<double[]>> seconds,
        List<List<double[]>> inferences,
        String notResolvable) {

    /** Rounds at least this long hold {@link RoundPower#minReadings()} readings of a source read at rateHz. */
    static double neededRoundSeconds(double rateHz) {
        return (RoundPower.minReadings() + 0.5) / rateHz;
    }

    /** A source that gave no reading during the rounds: energy not measured, and why. */
    static RoundEnergy silent(String sources) {
        return new RoundEnergy(
                null,
                List.of(),
                List.of(),
                List.of(),
                "energy per inference: not measured: the power source (" + sources + ") gave no reading during the"
                        + " interleaved rounds; see edgebench sensors");
    }

    /**
     * @param window the energy of [start ns, end ns] (RoundPower::window)
     * @param roundSeconds the rounds' planned length, and {@code maxSeconds} its bound, for the message
     */
    static RoundEnergy of(
            List<LaneTally> tallies,
            RoundPower.Source source,
            BiFunction<Long, Long, RoundPower.Window> window,
            double roundSeconds,
            double maxSeconds) {
        List<List<double[]>> mj = new ArrayList<>();
        List<List<double[]>> seconds = new ArrayList<>();
        List<List<double[]>> inferences = new ArrayList<>();
        int rounds = 0;
        int failed = 0;
        int fewestReadings = Integer.MAX_VALUE;
        double smallestMj = Double.POSITIVE_INFINITY;
        for (LaneTally t : tallies) {
            List<List<long[]>> byProcess = t.roundWindows();
            if (t.rounds() == 0) {
                mj.add(null);
                seconds.add(null);
                inferences.add(null);
                continue;
            }
            List<double[]> laneMj = new ArrayList<>();
            List<double[]> laneS = new ArrayList<>();
            List<double[]> laneN = new ArrayList<>();
            for (List<long[]> process : byProcess) {
                double[] e = new double[process.size()];
                double[] s = new double[process.size()];
                double[] n = new double[process.size()];
                for (int k = 0; k < process.size(); k++) {
                    long[] w = process.get(k);
                    RoundPower.Window got = window.apply(w[0], w[1]);
                    rounds++;
                    if (!got.resolvable()) {
                        failed++;
                    }
                    fewestReadings = Math.min(fewestReadings, got.readings());
                    smallestMj = Math.min(smallestMj, got.energyMj());
                    e[k] = got.energyMj();
                    s[k] = (w[1] - w[0]) * 1e-9;
                    n[k] = w[2];
                }
                laneMj.add(e);
                laneS.add(s);
                laneN.add(n);
            }
            mj.add(laneMj);
            seconds.add(laneS);
            inferences.add(laneN);
        }
        String why = failed == 0
                ? offsetMessage(source, mj, seconds)
                : source.counter()
                        ? counterMessage(source, failed, rounds, smallestMj, roundSeconds, maxSeconds)
                        : powerMessage(source, failed, rounds, fewestReadings, roundSeconds, maxSeconds);
        return new RoundEnergy(source, mj, seconds, inferences, why);
    }

    /**
     * The offset widening subtracts the offset limit from every reading: where that leaves a round no energy, no
     * bound can be given. Null when the lowest mean power of a round stays above the offset.
     */
    private static String offsetMessage(RoundPower.Source src, List<List<double[]>> mj, List<List<double[]>> seconds) {
        double offsetW = src.accuracy().offsetW();
        double lowestW = Double.POSITIVE_INFINITY;
        for (int lane = 0; lane < mj.size(); lane++) {
            for (int f = 0; mj.get(lane) != null && f < mj.get(lane).size(); f++) {
                for (int k = 0; k < mj.get(lane).get(f).length; k++) {
                    lowestW = Math.min(
                            lowestW, mj.get(lane).get(f)[k] / (seconds.get(lane).get(f)[k] * 1e3));
                }
            }
        }
        if (offsetW == 0 || lowestW > offsetW) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "energy per inference: not measured: %s's offset limit (+-%s W, %s) is not small against the board's"
                        + " power (lowest round mean %s W): the energy ratio has no bound",
                src.name(),
                num(offsetW),
                src.accuracy().name(),
                num(lowestW));
    }

    private static String powerMessage(
            RoundPower.Source src, int failed, int rounds, int fewest, double roundS, double maxS) {
        return String.format(
                Locale.ROOT,
                "energy per inference: not measured: rounds not resolvable: %s at %s Hz with %s s rounds gave"
                        + " fewer than %d readings in %d of %d rounds (fewest %d); needs rounds of at least %s s"
                        + " (compare lengthens its rounds for the source's rate, up to --max-seconds [%s])",
                src.name(),
                num(src.rateHz()),
                num(roundS),
                RoundPower.minReadings(),
                failed,
                rounds,
                fewest,
                num(neededRoundSeconds(src.rateHz())),
                num(maxS));
    }

    private static String counterMessage(
            RoundPower.Source src, int failed, int rounds, double smallestMj, double roundS, double maxS) {
        double needS = smallestMj > 0 ? roundS * src.counterStepMj() / (0.01 * smallestMj) : Double.NaN;
        return String.format(
                Locale.ROOT,
                "energy per inference: not measured: rounds not resolvable: %s's counter step of %s mJ is more than"
                        + " 1 %% of the energy of %d of %d rounds of %s s (smallest %s mJ); needs rounds of at least"
                        + " %s s (up to --max-seconds [%s])",
                src.name(),
                num(src.counterStepMj()),
                failed,
                rounds,
                num(roundS),
                num(smallestMj),
                Double.isNaN(needS) ? "?" : num(needS),
                num(maxS));
    }

    /**
     * Per lane, per process, each round's energy per inference in mJ, with {@code offsetW} added to the board's
     * power all through (0: as read); null for a lane without rounds.
     */
    List<List<double[]>> perInference(double offsetW) {
        List<List<double[]>> out = new ArrayList<>();
        for (int lane = 0; lane < mj.size(); lane++) {
            if (mj.get(lane) == null) {
                out.add(null);
                continue;
            }
            List<double[]> lanes = new ArrayList<>();
            for (int f = 0; f < mj.get(lane).size(); f++) {
                double[] e = mj.get(lane).get(f);
                double[] v = new double[e.length];
                for (int k = 0; k < e.length; k++) {
                    v[k] = (e[k] + offsetW * seconds.get(lane).get(f)[k] * 1e3)
                            / inferences.get(lane).get(f)[k];
                }
                lanes.add(v);
            }
            out.add(lanes);
        }
        return out;
    }

    /** What the energy verdicts measure, for their sentences: "gross board energy per inference (hwmon, ...)". */
    String statistic() {
        return "gross board energy per inference (" + source.name() + ", idle included)";
    }

    /**
     * The ratio's interval widened for the source's offset: {@code plus} and {@code minus} are the same estimate with
     * the offset limit added to and subtracted from every reading; the bounds span all three and the outcome is
     * decided on the widened bounds. A gain error scales both lanes' energy alike and cancels in the ratio.
     */
    RatioEstimate widen(RatioEstimate center, RatioEstimate plus, RatioEstimate minus) {
        PowerAccuracy acc = source.accuracy();
        String method = center.method() + "; " + statistic() + " per round window (power integrated with linear"
                + " interpolation at the window's edges, or the counter's difference); "
                + (acc.offsetW() > 0
                        ? String.format(
                                Locale.ROOT,
                                "the source's gain error (%s %%) cancels in a ratio of its own readings, its offset"
                                        + " (+-%s W, %s) does not: the interval spans the ratio's bounds with the"
                                        + " offset added and subtracted",
                                num(acc.gainPct()),
                                num(acc.offsetW()),
                                acc.name())
                        : "the source's gain error cancels in a ratio of its own readings; its offset is unknown ("
                                + acc.name() + ") and not in the interval");
        if (plus == null || minus == null || acc.offsetW() == 0) {
            return copy(center, center.low(), center.high(), center.equivalenceLow(), center.equivalenceHigh(), method);
        }
        double low = Math.min(center.low(), Math.min(plus.low(), minus.low()));
        double high = Math.max(center.high(), Math.max(plus.high(), minus.high()));
        double eqLow = Math.min(center.equivalenceLow(), Math.min(plus.equivalenceLow(), minus.equivalenceLow()));
        double eqHigh = Math.max(center.equivalenceHigh(), Math.max(plus.equivalenceHigh(), minus.equivalenceHigh()));
        return copy(center, low, high, eqLow, eqHigh, method);
    }

    private static RatioEstimate copy(
            RatioEstimate c, double low, double high, double eqLow, double eqHigh, String method) {
        double m = 1 + c.marginPct() / 100;
        boolean different = low > 1 || high < 1;
        boolean equivalent = !different && eqLow >= 1 / m && eqHigh <= m;
        RatioEstimate.Outcome outcome = different
                ? RatioEstimate.Outcome.DIFFERENT
                : equivalent ? RatioEstimate.Outcome.EQUIVALENT : RatioEstimate.Outcome.INCONCLUSIVE;
        boolean open = outcome == RatioEstimate.Outcome.INCONCLUSIVE;
        return new RatioEstimate(
                c.ratio(),
                low,
                high,
                c.level(),
                c.statistic(),
                outcome,
                c.marginPct(),
                eqLow,
                eqHigh,
                c.processes(),
                c.rounds(),
                c.processSpreadPct(),
                c.processesDiffer(),
                open ? c.moreRounds() : null,
                open ? c.moreProcesses() : null,
                method);
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v)
                .replaceAll("(\\.\\d*?)0+$", "$1")
                .replaceAll("\\.$", "");
    }
}

package io.edgebench.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The top level of Kalibera and Jones's hierarchical design (Rigorous Benchmarking in Reasonable Time, ISMM 2013):
 * with values per round nested in worker processes, the variance of the grand mean is estimated from the
 * processes' own means, whatever the dependence between the rounds inside a process (autocorrelation, drift, a
 * per-process offset). So the unit is the process: its median over rounds (the mean with fewer than 3 rounds) is
 * one observation, and the interval is
 * Student's t with (processes - 1) degrees of freedom. With a single process the rounds are the units and the
 * standard error is widened by their lag-1 autocorrelation; the result says that processes were not replicated.
 *
 * @param center mean of the unit values (per-process medians, or the rounds themselves with one process)
 * @param se standard error of the center
 * @param df degrees of freedom of the t quantile
 * @param units how many units (processes, or rounds with one process)
 * @param rounds every round, over all processes
 * @param replicatedProcesses true when the units are processes
 * @param unitSd standard deviation of the unit values
 * @param processesDiffer the processes' means spread more than their rounds explain (one-sided F test at 1 %)
 */
public record ProcessLevel(
        double center,
        double se,
        int df,
        int units,
        int rounds,
        boolean replicatedProcesses,
        double unitSd,
        boolean processesDiffer) {

    /** Null when fewer than two units exist (one process with one round). */
    public static ProcessLevel of(List<double[]> byProcess) {
        List<double[]> used = byProcess.stream().filter(r -> r.length > 0).toList();
        int rounds = used.stream().mapToInt(r -> r.length).sum();
        if (used.size() >= 2) {
            double[] means = new double[used.size()];
            for (int i = 0; i < means.length; i++) {
                means[i] = center(used.get(i));
            }
            double sd = sd(means);
            return new ProcessLevel(
                    mean(means),
                    sd / Math.sqrt(means.length),
                    means.length - 1,
                    means.length,
                    rounds,
                    true,
                    sd,
                    differ(used, sd));
        }
        if (used.isEmpty() || used.get(0).length < 2) {
            return null;
        }
        double[] r = used.get(0);
        double sd = sd(r);
        double rho = Math.max(0, lag1(r));
        // AR(1) variance inflation of a mean, (1 + rho) / (1 - rho), capped where rho is too close to 1 to trust
        double inflation = Math.min(100, (1 + rho) / Math.max(1e-9, 1 - rho));
        return new ProcessLevel(
                mean(r),
                sd / Math.sqrt(r.length) * Math.sqrt(inflation),
                r.length - 1,
                r.length,
                rounds,
                false,
                sd,
                false);
    }

    /** The interval of the mean at {@code level}, in the values' own unit; {@code what} names the values. */
    public ConfidenceInterval interval(double level, String what) {
        double hw = halfWidth(level);
        String method = replicatedProcesses
                ? String.format(
                        Locale.ROOT,
                        "Student t over %d worker processes (%d df) of the per-process median %s"
                                + " over %d rounds (Kalibera and Jones 2013)",
                        units,
                        df,
                        what,
                        rounds)
                : String.format(
                        Locale.ROOT,
                        "Student t over %d rounds of one worker process of %s, widened by"
                                + " their lag-1 autocorrelation",
                        units,
                        what);
        return new ConfidenceInterval(center - hw, center + hw, level, method);
    }

    /** The (1 + level) / 2 two-sided half-width at this level. */
    double halfWidth(double level) {
        return se == 0 ? 0 : StudentT.quantile((1 + level) / 2, df) * se;
    }

    /**
     * How many units would bring the half-width at {@code level} below {@code target}, at the spread {@code se}
     * implies (with one process that includes the autocorrelation widening); 0: never.
     */
    int unitsFor(double level, double target, int cap) {
        double spread = se * Math.sqrt(units);
        for (int n = Math.max(units, 2); n <= cap; n++) {
            if (StudentT.quantile((1 + level) / 2, n - 1) * spread / Math.sqrt(n) < target) {
                return n;
            }
        }
        return 0;
    }

    /**
     * Between-process variance of the means against what the rounds' own scatter predicts for them: F = var(means)
     * / mean(var(rounds) / rounds), compared with the 99th percentile of F(processes - 1, many) by the
     * Wilson-Hilferty approximation of chi-square. Processes with one round give no within-process scatter: false.
     */
    private static boolean differ(List<double[]> used, double meansSd) {
        double within = 0;
        for (double[] r : used) {
            if (r.length < 2) {
                return false;
            }
            // the variance of a median of n normal values is about pi/2 that of their mean
            within += sd(r) * sd(r) / r.length * (r.length >= 3 ? Math.PI / 2 : 1);
        }
        within /= used.size();
        if (within == 0) {
            return meansSd > 0;
        }
        int k = used.size() - 1;
        double z = StudentT.normalQuantile(0.99);
        double chi = k * Math.pow(1 - 2.0 / (9 * k) + z * Math.sqrt(2.0 / (9 * k)), 3);
        return meansSd * meansSd / within > chi / k;
    }

    /** The median of 3 or more values, else their mean. */
    static double center(double[] v) {
        if (v.length < 3) {
            return mean(v);
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    static double lag1(double[] v) {
        double m = mean(v);
        double num = 0;
        double den = 0;
        for (int i = 0; i < v.length; i++) {
            den += (v[i] - m) * (v[i] - m);
            if (i > 0) {
                num += (v[i] - m) * (v[i - 1] - m);
            }
        }
        return den == 0 ? 0 : num / den;
    }
}

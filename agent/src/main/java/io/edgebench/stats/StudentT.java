package io.edgebench.stats;

/**
 * Quantiles of Student's t and the standard normal, for intervals over a handful of worker processes (where the
 * normal quantile would be far too narrow: 4.30 instead of 1.96 for a 95 % interval over 3 processes).
 * t by Hill's algorithm (G. W. Hill, "Algorithm 396: Student's t-quantiles", CACM 13(10), 1970), exact for 1 and 2
 * degrees of freedom and within about 1e-6 beyond; the normal by Acklam's rational approximation refined by one
 * Halley step.
 */
public final class StudentT {
    private StudentT() {}

    /** The p-quantile of t with {@code df} degrees of freedom, p in (0, 1), df >= 1. */
    public static double quantile(double p, double df) {
        if (!(p > 0 && p < 1) || !(df >= 1)) {
            throw new IllegalArgumentException(
                    "t quantile p [" + p + "] must be in (0, 1) and df [" + df + "] at least 1");
        }
        if (p == 0.5) {
            return 0;
        }
        double twoSided = 2 * Math.min(p, 1 - p);
        double t = upperTwoSided(twoSided, df);
        return p > 0.5 ? t : -t;
    }

    /** Hill 1970: t with P(|T| > t) = p. */
    private static double upperTwoSided(double p, double n) {
        if (n == 1) {
            return Math.cos(p * Math.PI / 2) / Math.sin(p * Math.PI / 2);
        }
        if (n == 2) {
            return Math.sqrt(2 / (p * (2 - p)) - 2);
        }
        double a = 1 / (n - 0.5);
        double b = 48 / (a * a);
        double c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
        double d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt(a * Math.PI / 2) * n;
        double x = d * p;
        double y = Math.pow(x, 2 / n);
        if (y > 0.05 + a) {
            x = normalQuantile(p / 2);
            y = x * x;
            if (n < 5) {
                c += 0.3 * (n - 4.5) * (x + 0.6);
            }
            c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
            y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
            y = a * y * y;
            y = y > 0.002 ? Math.exp(y) - 1 : 0.5 * y * y + y;
        } else {
            y = ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1)
                            * (n + 1)
                            / (n + 2)
                    + 1 / y;
        }
        return Math.sqrt(n * y);
    }

    /** The p-quantile of the standard normal. */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("normal quantile p [" + p + "] must be in (0, 1)");
        }
        double[] a = {
            -3.969683028665376e+01,
            2.209460984245205e+02,
            -2.759285104469687e+02,
            1.383577518672690e+02,
            -3.066479806614716e+01,
            2.506628277459239e+00
        };
        double[] b = {
            -5.447609879822406e+01,
            1.615858368580409e+02,
            -1.556989798598866e+02,
            6.680131188771972e+01,
            -1.328068155288572e+01
        };
        double[] c = {
            -7.784894002430293e-03,
            -3.223964580411365e-01,
            -2.400758277161838e+00,
            -2.549732539343734e+00,
            4.374664141464968e+00,
            2.938163982698783e+00
        };
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p > 1 - 0.02425) {
            return -normalQuantile(1 - p);
        } else {
            double q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                    * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        double e = 0.5 * erfc(-x / Math.sqrt(2)) - p; // one Halley step on the exact CDF
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /** Complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}

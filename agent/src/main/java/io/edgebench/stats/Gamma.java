package io.edgebench.stats;

import java.util.SplittableRandom;

/** Gamma and Beta variates (Marsaglia and Tsang, ACM TOMS 26(3), 2000), from a seeded generator. */
final class Gamma {
    private Gamma() {}

    /** Beta(a, b) as X / (X + Y), X ~ Gamma(a), Y ~ Gamma(b). */
    static double beta(SplittableRandom r, double a, double b) {
        double x = gamma(r, a);
        double y = gamma(r, b);
        return x / (x + y);
    }

    /** Gamma(shape, 1); shape >= 1 here (a rank), smaller shapes use the boost u^(1/shape). */
    static double gamma(SplittableRandom r, double shape) {
        if (shape < 1) {
            return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        for (int tries = 0; tries < 1000; tries++) { // acceptance is > 95 %: 1000 tries never run out
            double x = gaussian(r);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
        return d; // unreachable in practice; the mode keeps the replicate finite
    }

    /** Standard normal by Box-Muller (SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}

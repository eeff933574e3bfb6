package io.edgebench.stats;

/**
 * Two classifiers scored on the same items: the difference of their accuracies and McNemar's exact test. The
 * counts are the paired 2x2 table: {@code both} right, {@code onlyA} (A right, B wrong), {@code onlyB}, {@code
 * neither}.
 *
 * <p>The interval is Newcombe's hybrid score interval for paired data (Newcombe 1998, Statistics in Medicine 17,
 * 2635, method 10): Wilson intervals of the two accuracies combined with the correlation of the pairs. It keeps its
 * coverage near 95 % down to a handful of discordant pairs, where the Wald interval (b - c)/n +- z sqrt(...)
 * collapses to zero width at b = c = 0. Written here rather than taken from a library: no statistics library is on
 * the agent's class path (it ships in the jar that goes to the boards), and the two formulas below are short and
 * tested against published values and by simulation (PairedProportionsTest).
 */
public final class PairedProportions {
    private PairedProportions() {}

    /** The 95 % interval of accuracy(A) - accuracy(B) = (onlyA - onlyB) / n, as a fraction. */
    public static ConfidenceInterval difference95(long both, long onlyA, long onlyB, long neither) {
        long n = both + onlyA + onlyB + neither;
        if (both < 0 || onlyA < 0 || onlyB < 0 || neither < 0 || n < 1) {
            throw new IllegalArgumentException("paired counts [" + both + ", " + onlyA + ", " + onlyB + ", " + neither
                    + "] must be >= 0 with a positive total");
        }
        double p1 = (both + onlyA) / (double) n;
        double p2 = (both + onlyB) / (double) n;
        ConfidenceInterval ci1 = Wilson.interval95(both + onlyA, n);
        ConfidenceInterval ci2 = Wilson.interval95(both + onlyB, n);
        double phi = correlation(both, onlyA, onlyB, neither, n);
        double d = p1 - p2;
        double dl1 = p1 - ci1.low();
        double du1 = ci1.high() - p1;
        double dl2 = p2 - ci2.low();
        double du2 = ci2.high() - p2;
        // max(0, ...): rounding can take the radicand a hair below zero when phi is 1
        double low = d - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
        double high = d + Math.sqrt(Math.max(0, dl2 * dl2 - 2 * phi * dl2 * du1 + du1 * du1));
        return new ConfidenceInterval(
                Math.max(-1, low),
                Math.min(1, high),
                0.95,
                "Newcombe hybrid score (paired), " + onlyA + " vs " + onlyB + " discordant of " + n);
    }

    /**
     * Newcombe's phi: the correlation of the two outcomes, with his continuity correction (the cross-product
     * difference shrunk by n/2 when positive); 0 when a margin is empty.
     */
    private static double correlation(long both, long onlyA, long onlyB, long neither, long n) {
        double margins = (double) (both + onlyA) * (onlyB + neither) * (both + onlyB) * (onlyA + neither);
        if (margins == 0) {
            return 0;
        }
        double cross = (double) both * neither - (double) onlyA * onlyB;
        double corrected = cross > n / 2.0 ? cross - n / 2.0 : Math.min(cross, 0);
        return corrected / Math.sqrt(margins);
    }

    /**
     * McNemar's exact test: two-sided p-value of {@code b} A-only against {@code c} B-only successes, a binomial test
     * of b out of b + c at 1/2 (twice the smaller tail, at most 1). 1 when b + c is 0.
     */
    public static double mcnemarExactP(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts [" + b + ", " + c + "] must be >= 0");
        }
        long m = b + c;
        long k = Math.min(b, c);
        // log of C(m, i) / 2^m, stepped from i = 0 (logs: 2^m overflows a double beyond m = 1023)
        double logTerm = -m * Math.log(2);
        double tail = Math.exp(logTerm);
        for (long i = 1; i <= k; i++) {
            logTerm += Math.log(m - i + 1) - Math.log(i);
            tail += Math.exp(logTerm);
        }
        return Math.min(1, 2 * tail);
    }

    /**
     * The fewest discordant pairs at which the exact test can reach {@code alpha}: below it even b = m, c = 0
     * gives p = 2 / 2^m >= alpha, so no p-value can say anything.
     */
    public static long minDiscordantFor(double alpha) {
        long m = 1;
        while (2 * Math.pow(0.5, m) >= alpha) {
            m++;
        }
        return m;
    }
}

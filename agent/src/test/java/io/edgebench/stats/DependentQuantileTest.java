package io.edgebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * p50 and p90 intervals of a single run when consecutive runs are correlated: 1,000 seeded runs of 2,000 samples
 * each from a Gaussian AR(1) (log latency), whose true quantiles are known. The plain order-statistics interval
 * is shown failing on the same data, so the test can tell the two apart. About 25 s on a loaded 2-core VM: slow.
 */
@Tag("slow")
class DependentQuantileTest {
    private static final int RUNS = 1000;
    private static final int N = 2000;

    /** Latencies in ns: 1 ms x exp(0.1 x AR(1) with unit stationary variance). */
    private static long[] ar1(SplittableRandom r, double rho) {
        long[] v = new long[N];
        double x = SimulatedCompare.gaussian(r);
        for (int i = 0; i < N; i++) {
            x = rho * x + Math.sqrt(1 - rho * rho) * SimulatedCompare.gaussian(r);
            v[i] = Math.round(1e6 * Math.exp(0.1 * x));
        }
        return v;
    }

    @ParameterizedTest(name = "rho {0}, q {1}")
    @CsvSource({"0, 0.5, 0", "0, 0.9, 1.2815516", "0.5, 0.5, 0", "0.9, 0.5, 0", "0.9, 0.9, 1.2815516"})
    void interval_coversTrueQuantile(double rho, double q, double z) {
        double truthUs = 1e3 * Math.exp(0.1 * z);
        SplittableRandom r = new SplittableRandom(11);
        int covered = 0;
        int plainCovered = 0;
        for (int i = 0; i < RUNS; i++) {
            long[] v = ar1(r, rho);
            long[] sorted = v.clone();
            Arrays.sort(sorted);
            covered += DependentQuantile.quantileUs(v, sorted, N, q, 0.95).contains(truthUs) ? 1 : 0;
            plainCovered += OrderStatistics.quantileUs(sorted, N, q, 0.95).contains(truthUs) ? 1 : 0;
        }
        String what =
                "rho " + rho + " q " + q + ": covered " + covered + " of " + RUNS + " (plain " + plainCovered + ")";
        assertTrue(covered >= 930 && covered <= 985, what);
        if (rho >= 0.9) {
            assertTrue(plainCovered < 700, what);
        }
    }

    @Test
    void independentRuns_samePlainInterval_orSlightlyWider() {
        long[] v = ar1(new SplittableRandom(3), 0);
        long[] sorted = v.clone();
        Arrays.sort(sorted);
        ConfidenceInterval plain = OrderStatistics.quantileUs(sorted, N, 0.5, 0.95);
        ConfidenceInterval dep = DependentQuantile.quantileUs(v, sorted, N, 0.5, 0.95);
        assertTrue(dep.low() <= plain.low() && dep.high() >= plain.high(), dep + " vs " + plain);
        assertTrue(dep.high() - dep.low() < 1.6 * (plain.high() - plain.low()), dep + " vs " + plain);
    }

    @Test
    void fewRuns_plainInterval() {
        long[] v = {5, 1, 4, 2, 3, 9, 8, 7, 6, 10};
        long[] sorted = v.clone();
        Arrays.sort(sorted);
        assertEquals(
                OrderStatistics.quantileUs(sorted, 10, 0.5, 0.95),
                DependentQuantile.quantileUs(v, sorted, 10, 0.5, 0.95));
    }
}

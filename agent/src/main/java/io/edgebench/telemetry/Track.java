package io.edgebench.telemetry;

import java.util.Arrays;

/**
 * One quantity over time as a piecewise-linear function through its samples (NaN rows dropped), clamped to the
 * first/last value outside them. Times are System.nanoTime().
 */
final class Track {
    final long[] t;
    final double[] v;

    private Track(long[] t, double[] v) {
        this.t = t;
        this.v = v;
    }

    /** The channels {@code cols} of a series summed per row; rows where any is NaN are dropped. */
    static Track of(Series s, int... cols) {
        long[] t = new long[s.size()];
        double[] v = new double[s.size()];
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            double sum = 0;
            for (int c : cols) {
                sum += s.value(i, c);
            }
            if (!Double.isNaN(sum)) {
                t[n] = s.time(i);
                v[n++] = sum;
            }
        }
        return new Track(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
    }

    static Track of(long[] t, double[] v) {
        return new Track(t, v);
    }

    boolean isEmpty() {
        return t.length == 0;
    }

    /** True when samples exist on or before a and on or after b (no clamping needed). */
    boolean covers(long a, long b) {
        return t.length > 0 && t[0] <= a && t[t.length - 1] >= b;
    }

    double at(long x) {
        int i = floor(x);
        if (i < 0) {
            return v[0];
        }
        if (i >= t.length - 1 || t[i] == x) {
            return v[i];
        }
        double f = (double) (x - t[i]) / (t[i + 1] - t[i]);
        return v[i] + f * (v[i + 1] - v[i]);
    }

    /** Trapezoid integral over [a, b] in value*nanoseconds, interpolating at both edges. */
    double integral(long a, long b) {
        double sum = 0;
        long prevT = a;
        double prevV = at(a);
        for (int i = Math.max(0, floor(a) + 1); i < t.length && t[i] < b; i++) {
            sum += (prevV + v[i]) / 2 * (t[i] - prevT);
            prevT = t[i];
            prevV = v[i];
        }
        return sum + (prevV + at(b)) / 2 * (b - prevT);
    }

    double max(long a, long b) {
        double m = Math.max(at(a), at(b));
        for (int i = Math.max(0, floor(a) + 1); i < t.length && t[i] < b; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }

    double min(long a, long b) {
        double m = Math.min(at(a), at(b));
        for (int i = Math.max(0, floor(a) + 1); i < t.length && t[i] < b; i++) {
            m = Math.min(m, v[i]);
        }
        return m;
    }

    /** Samples strictly inside (a, b]. */
    int countIn(long a, long b) {
        int c = 0;
        for (int i = Math.max(0, floor(a) + 1); i < t.length && t[i] <= b; i++) {
            c++;
        }
        return c;
    }

    /** Index of the last sample at or before x, or -1. */
    int floor(long x) {
        int i = Arrays.binarySearch(t, x);
        if (i >= 0) {
            while (i + 1 < t.length && t[i + 1] == x) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }
}

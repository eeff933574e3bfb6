package io.edgebench.telemetry;

import java.util.Arrays;
import java.util.List;

/**
 * The samples of one collector: timestamps (System.nanoTime) and one row of channel values each. Bounded: when
 * full, every other sample is dropped and only every second new one is kept from then on, so a long run keeps
 * covering its whole window at a coarser rate instead of losing its end. Written by the sampler thread only; read
 * after the sampler stopped (Thread.join orders the two).
 */
public final class Series {
    private final List<Channel> channels;
    private final int width;
    private final int capacity;
    private long[] times;
    private double[] values;
    private int size;
    private int keepEvery = 1;
    private long offered;

    public Series(List<Channel> channels, int capacity) {
        this.channels = List.copyOf(channels);
        this.width = channels.size();
        this.capacity = Math.max(16, capacity);
        int initial = Math.min(this.capacity, 1024);
        this.times = new long[initial];
        this.values = new double[initial * width];
    }

    public List<Channel> channels() {
        return channels;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i, int channel) {
        return values[i * width + channel];
    }

    /** Appends one row (copied). */
    public void add(long timeNanos, double[] row) {
        if (offered++ % keepEvery != 0) {
            return;
        }
        if (size == times.length) {
            if (size >= capacity) {
                halve();
            } else {
                int n = Math.min(capacity, size * 2);
                times = Arrays.copyOf(times, n);
                values = Arrays.copyOf(values, n * width);
            }
        }
        times[size] = timeNanos;
        System.arraycopy(row, 0, values, size * width, width);
        size++;
    }

    private void halve() {
        int j = 0;
        for (int i = 0; i < size; i += 2, j++) {
            times[j] = times[i];
            System.arraycopy(values, i * width, values, j * width, width);
        }
        size = j;
        keepEvery *= 2;
        offered = 1;
    }

    /** Index of the last sample at or before t, or -1. */
    public int floor(long t) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}

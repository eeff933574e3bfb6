package io.edgebench.rig;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Connection attempts counted per wall-clock second since the rig started (bounded: one hour of buckets), so the
 * rig can print the peak and the spread of a reconnect storm.
 */
final class AttemptClock {
    private static final int SECONDS = 3600;
    private final long startMs;
    private final AtomicLongArray perSecond = new AtomicLongArray(SECONDS);

    AttemptClock(long startMs) {
        this.startMs = startMs;
    }

    void count(long nowMs, long attempts) {
        int s = (int) Math.min(SECONDS - 1, Math.max(0, (nowMs - startMs) / 1000));
        perSecond.addAndGet(s, attempts);
    }

    /** Attempts in [fromMs, toMs), second by second. */
    long[] between(long fromMs, long toMs) {
        int a = (int) Math.max(0, (fromMs - startMs) / 1000);
        int b = (int) Math.min(SECONDS, (toMs - startMs + 999) / 1000);
        long[] out = new long[Math.max(0, b - a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = perSecond.get(a + i);
        }
        return out;
    }
}

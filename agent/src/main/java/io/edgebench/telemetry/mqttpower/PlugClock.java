package io.edgebench.telemetry.mqttpower;

/**
 * Maps a plug's own timestamps onto this machine's System.nanoTime(). The offset is the smallest (arrival - plug
 * time) seen: a message can arrive late (network, broker) but never before it was sent, so the least-delayed message
 * pins the offset best. A reading that arrives more than max age later than that offset predicts is stale (a queued
 * or retained message, or a plug that buffered it) and is dropped; three stale readings in a row mean the plug's
 * clock itself jumped (NTP step, daylight saving: Tasmota's Time is local), and the offset is fitted again.
 */
final class PlugClock {
    static final int JUMP_AFTER_STALE = 3;

    private final long maxAgeNanos;
    private long offsetNanos;
    private boolean anchored;
    private int staleInARow;
    private int jumps;
    private long lagSum;
    private long lagCount;
    private double lagSquares;

    PlugClock(long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
    }

    /**
     * Lets a reading improve the offset before any reading of the same batch is mapped: after a burst (messages held
     * up by the network), the latest-stamped one tells how late the earlier ones were.
     */
    void observe(double plugTimeS, long arrivalNanos) {
        long candidate = arrivalNanos - Math.round(plugTimeS * 1e9);
        if (!anchored || candidate < offsetNanos) {
            offsetNanos = candidate;
            anchored = true;
        }
    }

    /** The nanoTime {@code plugTimeS} stands for, or Long.MIN_VALUE when the reading is stale. */
    long map(double plugTimeS, long arrivalNanos) {
        observe(plugTimeS, arrivalNanos);
        long plugNanos = Math.round(plugTimeS * 1e9);
        long candidate = arrivalNanos - plugNanos;
        long lag = candidate - offsetNanos;
        if (lag > maxAgeNanos) {
            if (++staleInARow >= JUMP_AFTER_STALE) {
                offsetNanos = candidate;
                staleInARow = 0;
                jumps++;
                return plugNanos + offsetNanos;
            }
            return Long.MIN_VALUE;
        }
        staleInARow = 0;
        lagSum += lag;
        lagCount++;
        lagSquares += (double) lag * lag;
        return plugNanos + offsetNanos;
    }

    int jumps() {
        return jumps;
    }

    /** Spread of the delivery delay around its minimum, in seconds: how well the offset is known. */
    double lagStdS() {
        if (lagCount < 2) {
            return 0;
        }
        double mean = (double) lagSum / lagCount;
        return Math.sqrt(Math.max(0, lagSquares / lagCount - mean * mean)) * 1e-9;
    }
}

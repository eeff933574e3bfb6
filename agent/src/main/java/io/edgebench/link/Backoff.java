package io.edgebench.link;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code baseMs}, capped at {@code capMs}, with "equal jitter" (half fixed, half
 * random) so that a fleet whose broker restarts does not reconnect in lockstep, yet no agent waits near zero.
 */
public final class Backoff {
    private final long baseMs;
    private final long capMs;
    private final DoubleSupplier random;
    private int attempt;

    public Backoff(long baseMs, long capMs, DoubleSupplier random) {
        if (baseMs < 1 || capMs < baseMs) {
            throw new IllegalArgumentException(
                    "backoff base [" + baseMs + "] ms must be >= 1 and <= cap [" + capMs + "]");
        }
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.random = random;
    }

    /** The default: 1 s doubling up to 60 s. */
    public static Backoff standard() {
        return new Backoff(1000, 60_000, Math::random);
    }

    /** After a session takeover (duplicate device id): 30 s doubling up to 15 min. */
    public static Backoff takeover() {
        return new Backoff(30_000, 900_000, Math::random);
    }

    /** The delay before the next attempt; each call counts one failed attempt. */
    public synchronized long nextDelayMs() {
        long ceiling = attempt >= 30 ? capMs : Math.min(capMs, baseMs << attempt);
        attempt++;
        long half = ceiling / 2;
        return half + (long) (random.getAsDouble() * (ceiling - half));
    }

    public synchronized void reset() {
        attempt = 0;
    }
}

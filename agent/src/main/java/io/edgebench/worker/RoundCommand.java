package io.edgebench.worker;

import java.util.List;

/**
 * A line the parent writes to a worker in {@code rounds} mode, after the request: exactly one of
 * {@code roundSeconds} (time back-to-back runs for that long and answer with a {@code round} message),
 * {@code seeds} (one inference per seed, answered with {@code outputs}) or {@code end} (exit cleanly).
 */
public record RoundCommand(Double roundSeconds, List<Long> seeds, Integer maxOutputValues, Boolean end) {
    public static final double MAX_ROUND_SECONDS = 60;

    public RoundCommand {
        int set = (roundSeconds != null ? 1 : 0) + (seeds != null ? 1 : 0) + (Boolean.TRUE.equals(end) ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("a rounds-mode command needs exactly one of round_seconds, seeds, end");
        }
        if (roundSeconds != null && !(roundSeconds > 0 && roundSeconds <= MAX_ROUND_SECONDS)) {
            throw new IllegalArgumentException("round_seconds [" + roundSeconds + "] must be in (0, "
                    + MAX_ROUND_SECONDS + "]");
        }
        if (seeds != null && (seeds.isEmpty() || seeds.size() > WorkerRequest.MAX_SEEDS)) {
            throw new IllegalArgumentException("seeds must hold 1.." + WorkerRequest.MAX_SEEDS + " values, got "
                    + seeds.size());
        }
        seeds = seeds == null ? null : List.copyOf(seeds);
    }

    public static RoundCommand round(double seconds) {
        return new RoundCommand(seconds, null, null, null);
    }

    public static RoundCommand outputs(List<Long> seeds, int maxOutputValues) {
        return new RoundCommand(null, seeds, maxOutputValues, null);
    }

    public static RoundCommand finish() {
        return new RoundCommand(null, null, null, true);
    }
}

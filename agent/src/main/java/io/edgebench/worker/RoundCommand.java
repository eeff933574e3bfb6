package io.edgebench.worker;

import java.util.List;
import java.util.Objects;

/**
 * A line the parent writes to a worker in {@code rounds} mode, after the request: exactly one of
 * {@code roundSeconds} (time back-to-back runs for that long and answer with a {@code round} message),
 * {@code outputs} (one inference per seed, answered with {@code outputs}) or {@code end} (exit cleanly).
 */
public record RoundCommand(Double roundSeconds, Outputs outputs, Boolean end) {
    public static final double MAX_ROUND_SECONDS = 60;

    /** The agreement inputs: seeds, and the bound on output values per inference. */
    public record Outputs(List<Long> seeds, int maxOutputValues) {
        public Outputs {
            Objects.requireNonNull(seeds, "seeds");
            if (seeds.isEmpty() || seeds.size() > WorkerRequest.MAX_SEEDS) {
                throw new IllegalArgumentException(
                        "seeds must hold 1.." + WorkerRequest.MAX_SEEDS + " values, got " + seeds.size());
            }
            if (maxOutputValues < 1) {
                throw new IllegalArgumentException("max_output_values [" + maxOutputValues + "] must be >= 1");
            }
            seeds = List.copyOf(seeds);
        }
    }

    public RoundCommand {
        int set = (roundSeconds != null ? 1 : 0) + (outputs != null ? 1 : 0) + (Boolean.TRUE.equals(end) ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException(
                    "a rounds-mode command needs exactly one of round_seconds, outputs, end");
        }
        if (roundSeconds != null && !(roundSeconds > 0 && roundSeconds <= MAX_ROUND_SECONDS)) {
            throw new IllegalArgumentException(
                    "round_seconds [" + roundSeconds + "] must be > 0 and <= " + MAX_ROUND_SECONDS);
        }
    }

    public static RoundCommand round(double seconds) {
        return new RoundCommand(seconds, null, null);
    }

    public static RoundCommand outputs(List<Long> seeds, int maxOutputValues) {
        return new RoundCommand(null, new Outputs(seeds, maxOutputValues), null);
    }

    public static RoundCommand finish() {
        return new RoundCommand(null, null, true);
    }
}

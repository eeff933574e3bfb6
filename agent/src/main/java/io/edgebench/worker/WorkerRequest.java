package io.edgebench.worker;

import com.fasterxml.jackson.annotation.JsonValue;
import io.edgebench.results.BenchParams;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one line the parent writes to the worker's stdin.
 *
 * @param mode what the worker does with it
 * @param params the benchmark; runtime and delegate already resolved by the parent
 * @param seeds outputs mode: input seeds, 1..{@value #MAX_SEEDS} of them
 * @param maxOutputValues outputs mode: refuse models whose outputs hold more values than this per seed
 * @param debugCrash test hook, see {@link DebugCrash}; the worker refuses it unless started with
 *     -D{@value DebugCrash#ENABLE_PROPERTY}=true
 */
public record WorkerRequest(
        Mode mode, BenchParams params, List<Long> seeds, Integer maxOutputValues, String debugCrash) {

    /** What the worker does after opening the model. */
    public enum Mode {
        /** The timed benchmark. */
        BENCH,
        /** One inference per seed, outputs returned (compare's agreement check). */
        OUTPUTS,
        /** Interleaved compare: load and warm up once, then serve {@link RoundCommand}s from stdin until "end". */
        ROUNDS;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MAX_SEEDS = 64;
    public static final int DEFAULT_MAX_OUTPUT_VALUES = 4_000_000;

    public WorkerRequest {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(params.runtime(), "params.runtime (the parent resolves it)");
        Objects.requireNonNull(params.delegate(), "params.delegate (the parent resolves it)");
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        if (mode == null) {
            throw new IllegalArgumentException("mode is missing: expected bench, outputs or rounds");
        }
        if (mode == Mode.OUTPUTS && (seeds.isEmpty() || seeds.size() > MAX_SEEDS)) {
            throw new IllegalArgumentException("seeds must hold 1.." + MAX_SEEDS + " values, got " + seeds.size());
        }
        if (maxOutputValues != null && maxOutputValues < 1) {
            throw new IllegalArgumentException("max_output_values [" + maxOutputValues + "] must be >= 1");
        }
    }

    public static WorkerRequest bench(BenchParams params) {
        return new WorkerRequest(Mode.BENCH, params, List.of(), null, null);
    }

    public static WorkerRequest outputs(BenchParams params, List<Long> seeds, int maxOutputValues) {
        return new WorkerRequest(Mode.OUTPUTS, params, seeds, maxOutputValues, null);
    }

    public static WorkerRequest rounds(BenchParams params) {
        return new WorkerRequest(Mode.ROUNDS, params, List.of(), null, null);
    }

    public WorkerRequest withDebugCrash(String crash) {
        return new WorkerRequest(mode, params, seeds, maxOutputValues, crash);
    }

    public int maxOutputValuesOrDefault() {
        return maxOutputValues == null ? DEFAULT_MAX_OUTPUT_VALUES : maxOutputValues;
    }
}

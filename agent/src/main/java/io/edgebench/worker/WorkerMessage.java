package io.edgebench.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One JSON line from the worker's stdout. {@code type} says which fields are set:
 * <ul>
 *   <li>{@code phase}: {@code phase} = load, warmup, run or done;
 *   <li>{@code progress}: {@code runsDone}, {@code runsTarget}, {@code etaS} (negative when unknown);
 *   <li>{@code bench}: the measurement ({@code bench}), the last message of a bench request;
 *   <li>{@code outputs}: the outputs per seed ({@code outputs}), the last message of an outputs request;
 *   <li>{@code error}: {@code errorKind} (model: the model was rejected; unavailable: the accelerator
 *       is missing or busy; internal: anything else) and
 *       {@code message}, the last message of a failed request.
 *   <li>rounds mode only: {@code ready} (load and warm-up done: the session's facts) and {@code round} (one timed
 *       round's raw latencies), each the answer to one command; they do not end the request.
 * </ul>
 */
public record WorkerMessage(String type, String phase, Long runsDone, Long runsTarget, Double etaS,
        BenchReport bench, OutputsReport outputs, String errorKind, String message, ReadyReport ready,
        RoundReport round) {

    public static final String PHASE = "phase";
    public static final String PROGRESS = "progress";
    public static final String BENCH = "bench";
    public static final String OUTPUTS = "outputs";
    public static final String ERROR = "error";
    public static final String READY = "ready";
    public static final String ROUND = "round";
    public static final String KIND_MODEL = "model";
    public static final String KIND_UNAVAILABLE = "unavailable";
    public static final String KIND_INTERNAL = "internal";

    public static WorkerMessage phase(String phase) {
        return new WorkerMessage(PHASE, phase, null, null, null, null, null, null, null, null, null);
    }

    public static WorkerMessage progress(long done, long target, double etaS) {
        return new WorkerMessage(PROGRESS, null, done, target, etaS, null, null, null, null, null, null);
    }

    public static WorkerMessage bench(BenchReport report) {
        return new WorkerMessage(BENCH, null, null, null, null, report, null, null, null, null, null);
    }

    public static WorkerMessage outputs(OutputsReport report) {
        return new WorkerMessage(OUTPUTS, null, null, null, null, null, report, null, null, null, null);
    }

    public static WorkerMessage error(String kind, String message) {
        return new WorkerMessage(ERROR, null, null, null, null, null, null, kind, message, null, null);
    }

    public static WorkerMessage ready(ReadyReport report) {
        return new WorkerMessage(READY, null, null, null, null, null, null, null, null, report, null);
    }

    public static WorkerMessage round(RoundReport report) {
        return new WorkerMessage(ROUND, null, null, null, null, null, null, null, null, null, report);
    }

    /** True for the messages that end a request. Not a JSON property. */
    @JsonIgnore
    public boolean isFinal() {
        return BENCH.equals(type) || OUTPUTS.equals(type) || ERROR.equals(type);
    }
}

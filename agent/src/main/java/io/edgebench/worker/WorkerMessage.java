package io.edgebench.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Phase;
import java.util.Locale;

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
public record WorkerMessage(
        Type type,
        String phase,
        Long runsDone,
        Long runsTarget,
        Double etaS,
        BenchReport bench,
        OutputsReport outputs,
        ErrorKind errorKind,
        String message,
        ReadyReport ready,
        RoundReport round) {

    /** Which fields a message sets (see above); lower case on the pipe. */
    public enum Type {
        PHASE,
        PROGRESS,
        BENCH,
        OUTPUTS,
        ERROR,
        READY,
        ROUND;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static WorkerMessage phase(Phase phase) {
        return new Builder(Type.PHASE).phase(phase.id()).build();
    }

    public static WorkerMessage progress(long done, long target, double etaS) {
        Builder b = new Builder(Type.PROGRESS);
        b.runsDone = done;
        b.runsTarget = target;
        b.etaS = etaS;
        return b.build();
    }

    public static WorkerMessage bench(BenchReport report) {
        Builder b = new Builder(Type.BENCH);
        b.bench = report;
        return b.build();
    }

    public static WorkerMessage outputs(OutputsReport report) {
        Builder b = new Builder(Type.OUTPUTS);
        b.outputs = report;
        return b.build();
    }

    public static WorkerMessage error(ErrorKind kind, String message) {
        Builder b = new Builder(Type.ERROR);
        b.errorKind = kind;
        b.message = message;
        return b.build();
    }

    public static WorkerMessage ready(ReadyReport report) {
        Builder b = new Builder(Type.READY);
        b.ready = report;
        return b.build();
    }

    public static WorkerMessage round(RoundReport report) {
        Builder b = new Builder(Type.ROUND);
        b.round = report;
        return b.build();
    }

    /** Fills only the fields a message type uses; the others stay null (left out of the line). */
    private static final class Builder {
        private final Type type;
        private String phase;
        private Long runsDone;
        private Long runsTarget;
        private Double etaS;
        private BenchReport bench;
        private OutputsReport outputs;
        private ErrorKind errorKind;
        private String message;
        private ReadyReport ready;
        private RoundReport round;

        Builder(Type type) {
            this.type = type;
        }

        Builder phase(String p) {
            this.phase = p;
            return this;
        }

        WorkerMessage build() {
            return new WorkerMessage(
                    type, phase, runsDone, runsTarget, etaS, bench, outputs, errorKind, message, ready, round);
        }
    }

    /** True for the messages that end a request. Not a JSON property. */
    @JsonIgnore
    public boolean isFinal() {
        return type == Type.BENCH || type == Type.OUTPUTS || type == Type.ERROR;
    }
}

package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a lane's runtime was told to use threads, so that a verdict between two runtimes can say whether each ran as
 * it ships. ONNX Runtime's intra-op pool spins by default (session.intra_op.allow_spinning=1); turning that off saves
 * CPU and board power between runs and costs latency (about 13 % on face_detection_front at 2 threads on the
 * development VM, docs/bench.md). TFLite's pools (XNNPACK's pthreadpool, ruy for the builtin kernels) spin briefly
 * before sleeping, a fixed behaviour TFLite exposes no option for.
 *
 * @param intraOpThreads threads given to the runtime (TFLite interpreter threads; ORT intra_op_num_threads)
 * @param interOpThreads ORT inter_op_num_threads; null for TFLite, which has no inter-op pool
 * @param spinning what the pool threads do between runs
 * @param runtimeDefault the spinning policy is the runtime's own default (nothing changed by edgebench or the user)
 */
public record RuntimeSettings(int intraOpThreads, Integer interOpThreads, Spinning spinning, boolean runtimeDefault) {

    /** What idle pool threads do between inferences. */
    public enum Spinning {
        /** Busy-wait for work (ONNX Runtime allow_spinning=1, its default). */
        ON,
        /** Sleep at once (ONNX Runtime allow_spinning=0). */
        OFF,
        /** Spin a short while, then sleep: TFLite's pools, not configurable through TFLite. */
        BRIEF;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RuntimeSettings {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra_op_threads [" + intraOpThreads + "] must be >= 1");
        }
        if (spinning == null) {
            throw new IllegalArgumentException("spinning must be set (on, off or brief)");
        }
    }

    /**
     * The settings the worker applies for these params (runtime.onnx.OnnxSession, runtime.tflite.TfliteSession);
     * null when the runtime is not resolved yet (no data rather than a guess).
     */
    public static RuntimeSettings of(RuntimeKind runtime, int threads, boolean onnxSpinning) {
        if (runtime == null) {
            return null;
        }
        if (runtime == RuntimeKind.ONNX) {
            // OnnxSession: inter-op 1, sequential execution; spinning from the params.
            return new RuntimeSettings(threads, 1, onnxSpinning ? Spinning.ON : Spinning.OFF, onnxSpinning);
        }
        return new RuntimeSettings(threads, null, Spinning.BRIEF, true);
    }

    /** One line for terminals and verdict caveats, e.g. "2 threads intra-op, 1 inter-op, spinning off (not ...)". */
    public String text() {
        String threads = intraOpThreads + (intraOpThreads == 1 ? " thread" : " threads");
        if (spinning == Spinning.BRIEF) {
            return threads + ", pool spins briefly then sleeps (TFLite's fixed behaviour)";
        }
        return threads + " intra-op, " + interOpThreads + " inter-op, spinning " + spinning.id()
                + (runtimeDefault ? " (ONNX Runtime's default)" : " (not ONNX Runtime's default: on)");
    }
}

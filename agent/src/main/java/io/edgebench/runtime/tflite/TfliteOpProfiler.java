package io.edgebench.runtime.tflite;

import io.edgebench.results.OpProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.RegistrationNodePair;
import org.bytedeco.tensorflowlite.Subgraph;
import org.bytedeco.tensorflowlite.TelemetryProfiler;
import org.bytedeco.tensorflowlite.TfLiteTelemetryProfilerStruct;
import org.bytedeco.tensorflowlite.TfLiteTelemetrySettings;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * Per-operator times of a TFLite interpreter through TFLite's C telemetry profiler: bytedeco maps the C++
 * {@code tflite::Profiler} as a plain pointer (no virtual callbacks to override), but
 * {@code MakeTfLiteTelemetryProfiler} turns a C struct of function pointers into one, and
 * {@code Interpreter::SetProfiler} attaches it. Its ReportBegin/EndOpInvokeEvent callbacks bracket every node the
 * interpreter invokes; Java reads the clock in them.
 *
 * <p>Measured with TFLite 2.21 (bytedeco 1.5.14): nodes run by the builtin kernels report begin/end events (their
 * sum was within 1 % of the profiled invoke time on mobilenet_v1_0.25_128_quant), but a delegate kernel (XNNPACK's
 * "TfLiteXNNPackDelegate" node) reports none. Its time is therefore derived from the execution plan: the gap between
 * the reported ops (or the invoke's start and end) in which it ran, marked {@code derived}.
 *
 * <p>Every one of the six callbacks must be set: TFLite calls the telemetry ones (e.g. "Invoke") unconditionally
 * and a null function pointer crashes the JVM. The struct and callbacks are created once per process (JavaCPP
 * allows few callback instances) and dispatch to the one recording in progress. The TelemetryProfiler made for a
 * session stays attached until the interpreter is freed (detaching with SetProfiler(nullptr) frees the interpreter's
 * root profiler while subgraphs keep pointing at it); it is a few bytes, left to the process.
 */
final class TfliteOpProfiler {
    private static final int BUILTIN_DELEGATE = 51;
    private static final int MAX_EVENTS = 1 << 16;
    private static final Object LOCK = new Object();
    private static TfLiteTelemetryProfilerStruct struct;
    /** Strong references: the struct holds only native thunks, and a collected callback object frees its thunk. */
    private static final List<Object> CALLBACKS = new ArrayList<>();

    private static Recording current;
    private static final Map<Long, String> KERNEL_NAMES = new LinkedHashMap<>();

    private TfliteOpProfiler() {}

    /** Attaches a profiler to {@code interpreter} (once), runs {@code invoke} {@code runs} times, returns the times. */
    static OpProfile profile(Interpreter interpreter, int runs, Runnable invoke) {
        synchronized (LOCK) {
            if (interpreter.GetProfiler() == null || interpreter.GetProfiler().isNull()) {
                TelemetryProfiler profiler = tensorflowlite.MakeTfLiteTelemetryProfiler(struct());
                interpreter.SetProfiler(profiler);
            }
            List<long[]> plan = executionPlan(interpreter);
            Recording rec = new Recording();
            current = rec;
            long invokeNs = 0;
            try {
                invoke.run(); // first profiled run: allocations of the profiler's own tables stay out
                for (int i = 0; i < runs; i++) {
                    rec.next = 0;
                    long t0 = System.nanoTime();
                    invoke.run();
                    long t1 = System.nanoTime();
                    invokeNs += t1 - t0;
                    rec.attribute(plan, t0, t1);
                }
            } finally {
                current = null;
            }
            rec.kernelNames.putAll(KERNEL_NAMES);
            return rec.summary(runs, invokeNs);
        }
    }

    private static TfLiteTelemetryProfilerStruct struct() {
        if (struct == null) {
            TfLiteTelemetryProfilerStruct s = new TfLiteTelemetryProfilerStruct();
            Begin begin = new Begin();
            End end = new End();
            OpEvent op = new OpEvent();
            TelemetryEvent telemetry = new TelemetryEvent();
            TelemetryOpEvent telemetryOp = new TelemetryOpEvent();
            Settings settings = new Settings();
            s.ReportBeginOpInvokeEvent(begin);
            s.ReportEndOpInvokeEvent(end);
            s.ReportOpInvokeEvent(op);
            s.ReportTelemetryEvent(telemetry);
            s.ReportTelemetryOpEvent(telemetryOp);
            s.ReportSettings(settings);
            CALLBACKS.addAll(List.of(begin, end, op, telemetry, telemetryOp, settings));
            struct = s;
        }
        return struct;
    }

    /**
     * Events of one run in order (node, begin, end), and per-node totals over all runs. Nodes that report no events
     * (delegate kernels) get the gap in which they ran: the execution plan says which reported op they sit between.
     */
    private static final class Recording {
        final long[] begin = new long[MAX_EVENTS];
        final long[] end = new long[MAX_EVENTS];
        final long[] node = new long[MAX_EVENTS];
        final Map<Long, String> names = new LinkedHashMap<>();
        final Map<Long, long[]> totals = new LinkedHashMap<>();
        final Map<Long, Boolean> derived = new LinkedHashMap<>();
        int next;

        int begin(String op, long nodeIndex) {
            if (next >= MAX_EVENTS) {
                return -1;
            }
            int h = next++;
            names.putIfAbsent(nodeIndex, op);
            node[h] = nodeIndex;
            end[h] = 0;
            begin[h] = System.nanoTime();
            return h;
        }

        void end(int h) {
            long now = System.nanoTime();
            if (h >= 0 && h < next) {
                end[h] = now;
            }
        }

        /** Adds this run's times: reported ops as measured, silent plan entries the gap they fall in. */
        void attribute(List<long[]> plan, long invokeStart, long invokeEnd) {
            int event = 0;
            long cursor = invokeStart;
            List<long[]> pending = new ArrayList<>();
            for (long[] step : plan) {
                long nodeIndex = step[0];
                if (event < next && node[event] == nodeIndex && end[event] > 0) {
                    share(pending, begin[event] - cursor);
                    add(nodeIndex, end[event] - begin[event], false);
                    cursor = end[event];
                    event++;
                } else if (step[1] == 1) {
                    pending.add(step);
                }
            }
            share(pending, invokeEnd - cursor);
        }

        private void share(List<long[]> silent, long gapNs) {
            for (long[] k : silent) {
                add(k[0], Math.max(0, gapNs) / silent.size(), true);
            }
            silent.clear();
        }

        private void add(long nodeIndex, long ns, boolean isDerived) {
            long[] a = totals.computeIfAbsent(nodeIndex, k -> new long[2]);
            a[0] += ns;
            a[1]++;
            derived.merge(nodeIndex, isDerived, Boolean::logicalOr);
        }

        OpProfile summary(int runs, long invokeNs) {
            OpProfile.Builder b = new OpProfile.Builder("tflite telemetry profiler");
            for (Map.Entry<Long, long[]> e : totals.entrySet()) {
                String type = names.getOrDefault(e.getKey(), kernelNames.getOrDefault(e.getKey(), "DELEGATE"));
                b.add(type + "#" + e.getKey(), type, e.getValue()[0], e.getValue()[1], derived.get(e.getKey()));
            }
            if (derived.containsValue(true)) {
                b.note("delegate kernels report no profiler events in TFLite 2.21: each one's time is the gap it ran"
                        + " in between the reported ops (execution plan order), callback overhead included");
            }
            return b.build(runs, invokeNs / 1e3 / runs);
        }

        final Map<Long, String> kernelNames = new LinkedHashMap<>();
    }

    /** The primary subgraph's execution plan: {node index, 1 if a delegate kernel}; delegate names noted. */
    private static List<long[]> executionPlan(Interpreter interpreter) {
        List<long[]> out = new ArrayList<>();
        Subgraph graph = interpreter.primary_subgraph();
        IntPointer plan = graph.execution_plan();
        for (long i = 0; i < plan.limit(); i++) {
            int nodeIndex = plan.get(i);
            RegistrationNodePair pair = graph.node_and_registration(nodeIndex);
            boolean kernel = pair != null && !pair.isNull() && pair.second().builtin_code() == BUILTIN_DELEGATE;
            if (kernel) {
                BytePointer name = pair.second().custom_name();
                KERNEL_NAMES.put((long) nodeIndex, name == null || name.isNull() ? "DELEGATE" : name.getString());
            }
            out.add(new long[] {nodeIndex, kernel ? 1 : 0});
        }
        return out;
    }

    private static String text(BytePointer p) {
        return p == null || p.isNull() ? "?" : p.getString();
    }

    // The callbacks: never let a Java exception unwind into TFLite's C++ frames.

    private static final class Begin
            extends TfLiteTelemetryProfilerStruct
                    .ReportBeginOpInvokeEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long {
        @Override
        public int call(TfLiteTelemetryProfilerStruct self, BytePointer op, long nodeIndex, long subgraph) {
            try {
                Recording rec = current;
                return rec == null || subgraph != 0 ? -1 : rec.begin(text(op), nodeIndex);
            } catch (RuntimeException | Error e) {
                return -1;
            }
        }
    }

    private static final class End
            extends TfLiteTelemetryProfilerStruct.ReportEndOpInvokeEvent_TfLiteTelemetryProfilerStruct_int {
        @Override
        public void call(TfLiteTelemetryProfilerStruct self, int handle) {
            try {
                Recording rec = current;
                if (rec != null) {
                    rec.end(handle);
                }
            } catch (RuntimeException | Error e) {
                // dropped event
            }
        }
    }

    private static final class OpEvent
            extends TfLiteTelemetryProfilerStruct
                    .ReportOpInvokeEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct self, BytePointer op, long elapsedUs, long node, long sub) {
            // pre-timed events (none seen from the builtin kernels or XNNPACK); nothing to add
        }
    }

    private static final class TelemetryEvent
            extends TfLiteTelemetryProfilerStruct.ReportTelemetryEvent_TfLiteTelemetryProfilerStruct_BytePointer_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct self, BytePointer event, long status) {}
    }

    private static final class TelemetryOpEvent
            extends TfLiteTelemetryProfilerStruct
                    .ReportTelemetryOpEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct self, BytePointer event, long node, long sub, long status) {}
    }

    private static final class Settings
            extends TfLiteTelemetryProfilerStruct
                    .ReportSettings_TfLiteTelemetryProfilerStruct_BytePointer_TfLiteTelemetrySettings {
        @Override
        public void call(TfLiteTelemetryProfilerStruct self, BytePointer setting, TfLiteTelemetrySettings s) {}
    }
}

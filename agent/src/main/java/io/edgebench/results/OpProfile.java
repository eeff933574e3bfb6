package io.edgebench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the time of one inference goes, per operator and per op type, from a profiled pass that runs after (and
 * apart from) the timed loop: a profiler costs time per op, so the timed latency never includes it.
 *
 * @param source what produced the numbers, e.g. "tflite telemetry profiler" or "onnxruntime session profiling"
 * @param runs profiled inferences the means are taken over
 * @param passMeanUs mean wall time of one profiled inference, measured around the runtime's run call
 * @param opsTotalUs sum of {@code ops} means: the part of passMeanUs spent inside operators
 * @param ops one row per operator (node), slowest first
 * @param opTypes one row per op type (Conv, DEPTHWISE_CONV_2D, TfLiteXNNPackDelegate...), slowest first
 * @param notes how a figure was obtained where the runtime does not report it directly
 */
public record OpProfile(
        String source,
        int runs,
        double passMeanUs,
        double opsTotalUs,
        List<OpTime> ops,
        List<OpTime> opTypes,
        List<String> notes) {
    public OpProfile {
        Objects.requireNonNull(source, "source");
        ops = List.copyOf(ops);
        opTypes = List.copyOf(opTypes);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One operator or one op type.
     *
     * @param name node name (op rows) or op type (type rows)
     * @param meanUs time per inference
     * @param share of opsTotalUs, 0..1
     * @param count op rows: invocations per inference; type rows: operators of that type
     * @param derived true when the time is not reported by the runtime but derived (see OpProfile.notes)
     */
    public record OpTime(String name, String type, double meanUs, double share, long count, boolean derived) {}

    /** Accumulates op events over a profiled pass, then computes means and shares. */
    public static final class Builder {
        private final String source;
        private final Map<String, long[]> byOp = new LinkedHashMap<>();
        private final Map<String, String> types = new LinkedHashMap<>();
        private final Map<String, Boolean> derived = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        public Builder(String source) {
            this.source = source;
        }

        /** {@code calls} invocations of operator {@code name} (of {@code type}) that took {@code ns} in all. */
        public Builder add(String name, String type, long ns, long calls, boolean isDerived) {
            long[] a = byOp.computeIfAbsent(name, k -> new long[2]);
            a[0] += ns;
            a[1] += calls;
            types.putIfAbsent(name, type);
            derived.merge(name, isDerived, Boolean::logicalOr);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public OpProfile build(int runs, double passMeanUs) {
            if (runs < 1) {
                throw new IllegalArgumentException("profiled runs [" + runs + "] must be >= 1");
            }
            double total = 0;
            for (long[] a : byOp.values()) {
                total += a[0] / 1e3 / runs;
            }
            List<OpTime> ops = new ArrayList<>();
            Map<String, double[]> perType = new LinkedHashMap<>();
            Map<String, Boolean> typeDerived = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : byOp.entrySet()) {
                double mean = e.getValue()[0] / 1e3 / runs;
                String type = types.get(e.getKey());
                boolean d = derived.get(e.getKey());
                ops.add(new OpTime(
                        e.getKey(), type, mean, share(mean, total), Math.round(e.getValue()[1] / (double) runs), d));
                double[] t = perType.computeIfAbsent(type, k -> new double[2]);
                t[0] += mean;
                t[1]++;
                typeDerived.merge(type, d, Boolean::logicalOr);
            }
            List<OpTime> typeRows = new ArrayList<>();
            for (Map.Entry<String, double[]> e : perType.entrySet()) {
                typeRows.add(new OpTime(
                        e.getKey(),
                        e.getKey(),
                        e.getValue()[0],
                        share(e.getValue()[0], total),
                        (long) e.getValue()[1],
                        typeDerived.get(e.getKey())));
            }
            Comparator<OpTime> slowest =
                    Comparator.comparingDouble(OpTime::meanUs).reversed();
            ops.sort(slowest);
            typeRows.sort(slowest);
            return new OpProfile(source, runs, passMeanUs, total, ops, typeRows, notes);
        }

        private static double share(double part, double total) {
            return total > 0 ? part / total : 0;
        }
    }
}

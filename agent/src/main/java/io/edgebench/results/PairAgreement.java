package io.edgebench.results;

import java.util.List;

/**
 * How closely two lanes' outputs agree over the same inputs. Outputs are first aligned (compare.align: by
 * --match, name, shape, transposed layout) and compared output by output ({@code outputs}); the pair's numbers are
 * the worst over its outputs. {@code flagged} when some output's max absolute error exceeds the tolerance, a
 * class-score output's top-1 agreement falls below the minimum, or the outputs cannot be aligned; {@code reasons}
 * says which. A pair that is not comparable carries no number at all (they are null), only {@code notComparable}.
 *
 * @param cosineMin the lowest per-input cosine similarity over all outputs
 * @param top1Agreement the lowest top-1 agreement of the class-score outputs (0..1); null when there is none
 * @param outputs agreement per matched output
 * @param worstOutput the output with the largest max abs error (the one a verdict names)
 * @param notComparable why the outputs cannot be aligned (both sides' names and shapes, a --match hint), else null
 */
public record PairAgreement(
        String a,
        String b,
        int inputs,
        Double maxAbsError,
        Double meanAbsError,
        Double cosineMin,
        Double top1Agreement,
        boolean flagged,
        List<String> reasons,
        List<OutputAgreement> outputs,
        String worstOutput,
        String notComparable) {

    public PairAgreement {
        reasons = List.copyOf(reasons);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /**
     * A pair whose outputs cannot be aligned: no number at all, only why (both sides' names and shapes, a --match
     * hint); flagged.
     */
    public static PairAgreement notComparable(String a, String b, int inputs, String why) {
        return new Builder(a, b, inputs).notComparable(why);
    }

    public PairAgreement(
            String a,
            String b,
            int inputs,
            double maxAbsError,
            double meanAbsError,
            double cosineMin,
            double top1Agreement,
            boolean flagged,
            List<String> reasons) {
        this(
                a,
                b,
                inputs,
                maxAbsError,
                meanAbsError,
                cosineMin,
                top1Agreement,
                flagged,
                reasons,
                List.of(),
                null,
                null);
    }

    /** Builds the pairs that have no numbers; the agreement numbers stay absent (null, left out of the JSON). */
    private static final class Builder {
        private final String a;
        private final String b;
        private final int inputs;
        private Double maxAbsError;
        private Double meanAbsError;
        private Double cosineMin;
        private Double top1Agreement;
        private String worstOutput;

        Builder(String a, String b, int inputs) {
            this.a = a;
            this.b = b;
            this.inputs = inputs;
        }

        PairAgreement notComparable(String why) {
            return new PairAgreement(
                    a,
                    b,
                    inputs,
                    maxAbsError,
                    meanAbsError,
                    cosineMin,
                    top1Agreement,
                    true,
                    List.of("not comparable: " + why),
                    List.of(),
                    worstOutput,
                    why);
        }
    }
}

package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.edgebench.stats.ConfidenceInterval;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Two lanes' top-1 on the same labelled images: the paired table, the difference and McNemar's exact test.
 *
 * @param a index of the first lane (0-based, as in lanes)
 * @param b index of the second lane
 * @param table the paired counts (right/wrong of a against right/wrong of b)
 * @param difference top-1 of a minus top-1 of b, as a fraction ((onlyA - onlyB) / images)
 * @param differenceCi its 95 % interval (Newcombe's hybrid score interval for paired data); kept when every image is
 *     scored the same by both, where it says how large a difference the set can still hide
 * @param mcnemarP McNemar's exact two-sided p-value; null when too few images are discordant for any p below 0.05
 *     (the text says so)
 * @param outcome which lane is better, when the interval shows one
 * @param text e.g. "tflite:xnnpack loses 1.4 points of top-1 against tflite:cpu (95 % CI 0.6 to 2.2), McNemar exact
 *     p = 0.001 (12 vs 3 discordant)"
 */
public record AccuracyPair(
        int a,
        int b,
        Table table,
        double difference,
        ConfidenceInterval differenceCi,
        Double mcnemarP,
        Outcome outcome,
        String text) {
    public AccuracyPair {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(differenceCi, "differenceCi");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
    }

    /** Which lane is ahead on top-1. */
    public enum Outcome {
        /** Every image scored the same by both lanes. */
        SAME_ON_ALL,
        /** Lane A's top-1 is higher: the 95 % interval of A minus B excludes 0. */
        A_BETTER,
        B_BETTER,
        /** Some images differ, but the interval includes 0: these images do not show either lane ahead. */
        NOT_RESOLVED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Outcome parse(String id) {
            return Arrays.stream(values())
                    .filter(o -> o.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("accuracy outcome [" + id + "] must be one of "
                            + Arrays.stream(values()).map(Outcome::id).toList()));
        }
    }

    /**
     * The paired 2x2 table.
     *
     * @param both images both lanes get right
     * @param onlyA a right, b wrong (McNemar's b)
     * @param onlyB a wrong, b right (McNemar's c)
     * @param neither images both get wrong
     */
    public record Table(int both, int onlyA, int onlyB, int neither) {
        public Table {
            if (both < 0 || onlyA < 0 || onlyB < 0 || neither < 0) {
                throw new IllegalArgumentException("paired counts must be >= 0");
            }
        }

        public int images() {
            return both + onlyA + onlyB + neither;
        }

        public int discordant() {
            return onlyA + onlyB;
        }
    }

    public static Builder builder(int a, int b, Table table) {
        return new Builder(a, b, table);
    }

    /** Builds a pair; the difference comes from the table. */
    public static final class Builder {
        private final int a;
        private final int b;
        private final Table table;
        private ConfidenceInterval differenceCi;
        private Double mcnemarP;
        private Outcome outcome;
        private String text;

        private Builder(int a, int b, Table table) {
            this.a = a;
            this.b = b;
            this.table = table;
        }

        public Builder differenceCi(ConfidenceInterval v) {
            differenceCi = v;
            return this;
        }

        public Builder mcnemarP(Double v) {
            mcnemarP = v;
            return this;
        }

        public Builder outcome(Outcome v) {
            outcome = v;
            return this;
        }

        public Builder text(String v) {
            text = v;
            return this;
        }

        public AccuracyPair build() {
            double d = (table.onlyA() - table.onlyB()) / (double) table.images();
            return new AccuracyPair(a, b, table, d, differenceCi, mcnemarP, outcome, text);
        }
    }
}

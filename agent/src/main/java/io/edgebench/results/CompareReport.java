package io.edgebench.results;

import java.util.List;

/**
 * Everything one {@code edgebench compare} produced, as written to --json: the benchmark of every lane (a full
 * BenchResult each, telemetry included when sampled) and the agreement of every pair of lanes.
 *
 * @param agreementSeeds the seeds of the inputs the outputs were compared on
 * @param outputErrors lanes whose outputs could not be collected, with the reason
 * @param agreementInputs per sample, the inputs as fed, when the user chose any (--input, --input-value...)
 * @param verdicts one per pair of lanes that both ran: the p50 speedup with its interval over worker
 *     processes and its outcome (different, equivalent, inconclusive), in a sentence
 * @param sweep the fastest lane, the least energy per inference, the Pareto front; null with fewer than 2 lanes
 * @param reference every lane against --reference outputs; empty without a reference set
 * @param accuracy every lane's accuracy on a --dataset labelled set and the pairs' paired differences; null without
 *     one (never a reason for a failing exit code: a model's accuracy is a finding, not an error)
 * @param heat the heat blocks behind the temperature verdicts; null when none ran
 * @param notMeasured one line per verdict axis (energy per inference, temperature) the comparison did not measure,
 *     with why, e.g. "temperature: not measured: this board has no temperature source (...)"
 */
public record CompareReport(
        int schemaVersion,
        List<String> lanes,
        List<BenchResult> results,
        List<Long> agreementSeeds,
        double tolerance,
        double minTop1,
        List<PairAgreement> agreement,
        List<String> outputErrors,
        List<AgreementSample> agreementInputs,
        Rounds rounds,
        List<PairVerdict> verdicts,
        SweepVerdict sweep,
        List<ReferenceCheck> reference,
        Accuracy accuracy,
        List<String> notMeasured,
        HeatBlocks heat) {
    public static final int SCHEMA_VERSION = 1;

    public CompareReport {
        lanes = List.copyOf(lanes);
        results = List.copyOf(results);
        agreementSeeds = List.copyOf(agreementSeeds);
        agreement = List.copyOf(agreement);
        outputErrors = List.copyOf(outputErrors);
        // none chosen (every agreement input seeded) is written as no field at all
        agreementInputs = agreementInputs == null || agreementInputs.isEmpty() ? null : List.copyOf(agreementInputs);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        reference = reference == null ? List.of() : List.copyOf(reference);
        notMeasured = notMeasured == null ? List.of() : List.copyOf(notMeasured);
    }

    /** A report of these lanes; every other part empty or absent until set. */
    public static Builder builder(List<String> lanes, List<BenchResult> results) {
        return new Builder(lanes, results);
    }

    /** Builds a {@link CompareReport} by name; lists default to empty, the rest to absent. */
    public static final class Builder {
        private final List<String> lanes;
        private final List<BenchResult> results;
        private List<Long> agreementSeeds = List.of();
        private double tolerance;
        private double minTop1;
        private List<PairAgreement> agreement = List.of();
        private List<String> outputErrors = List.of();
        private List<AgreementSample> agreementInputs;
        private Rounds rounds;
        private List<PairVerdict> verdicts;
        private SweepVerdict sweep;
        private List<ReferenceCheck> reference;
        private Accuracy accuracy;
        private List<String> notMeasured;
        private HeatBlocks heat;

        private Builder(List<String> lanes, List<BenchResult> results) {
            this.lanes = lanes;
            this.results = results;
        }

        /** The inputs compared on, and the rules: per-output tolerance, the lowest top-1 agreement that passes. */
        public Builder agreement(List<Long> seeds, double tolerance, double minTop1, List<PairAgreement> pairs) {
            this.agreementSeeds = seeds;
            this.tolerance = tolerance;
            this.minTop1 = minTop1;
            this.agreement = pairs;
            return this;
        }

        public Builder outputErrors(List<String> v) {
            outputErrors = v;
            return this;
        }

        /** Per sample, the inputs as fed; none chosen (every input seeded) leaves the field out. */
        public Builder agreementInputs(List<AgreementSample> v) {
            agreementInputs = v;
            return this;
        }

        public Builder rounds(Rounds v) {
            rounds = v;
            return this;
        }

        public Builder verdicts(List<PairVerdict> v) {
            verdicts = v;
            return this;
        }

        public Builder sweep(SweepVerdict v) {
            sweep = v;
            return this;
        }

        public Builder reference(List<ReferenceCheck> v) {
            reference = v;
            return this;
        }

        public Builder accuracy(Accuracy v) {
            accuracy = v;
            return this;
        }

        public Builder notMeasured(List<String> v) {
            notMeasured = v;
            return this;
        }

        public Builder heat(HeatBlocks v) {
            heat = v;
            return this;
        }

        public CompareReport build() {
            return new CompareReport(
                    SCHEMA_VERSION,
                    lanes,
                    results,
                    agreementSeeds,
                    tolerance,
                    minTop1,
                    agreement,
                    outputErrors,
                    agreementInputs,
                    rounds,
                    verdicts,
                    sweep,
                    reference,
                    accuracy,
                    notMeasured,
                    heat);
        }
    }

    /**
     * The inputs one agreement sample was fed in the first lane that produced outputs: which file of a directory
     * input, with its sha256, and the values, ranges and seeds of the others.
     */
    public record AgreementSample(long seed, List<BenchResult.InputShape> inputs) {
        public AgreementSample {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * How the lanes were interleaved: rounds of {@code roundSeconds} per lane, each round's order (lane indexes)
     * shuffled from {@code seed}, in {@code processes} worker processes per lane one after another (the rounds of
     * process k follow those of process k-1 in {@code orders}); and compare's own cost: {@code wallS}, the whole
     * comparison (from opening the models to the last agreement output), against {@code measuredS}, its warm-up and
     * measurement windows: per set of processes its longest lane's warm-up (the lanes warm up in parallel), every
     * lane's timed rounds (one lane at a time) and the heat blocks; {@code wallRatio} = wall / measured. The rest is
     * worker start-up, model loads, the round commands, the cooldown waits before heat blocks and the agreement inputs.
     */
    public record Rounds(
            long seed,
            double roundSeconds,
            int count,
            int processes,
            List<List<Integer>> orders,
            double wallS,
            double measuredS,
            double wallRatio) {
        public Rounds {
            orders = orders.stream().map(List::copyOf).toList();
        }
    }

    /** True when every lane ran, no pair is flagged and every lane reproduces the reference (when one is given). */
    public boolean allGood() {
        return results.stream().allMatch(BenchResult::ok)
                && outputErrors.isEmpty()
                && agreement.stream().noneMatch(PairAgreement::flagged)
                && reference.stream().allMatch(ReferenceCheck::reproduces);
    }
}
